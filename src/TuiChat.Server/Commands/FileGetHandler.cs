using TuiChat.Server.Chat;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>file.get</c>: anyone who may read the file's conversation gets an ok with its facts, then
/// its chunks and <c>file.end</c>, fed into the outbound queue as it drains.
/// </summary>
public sealed class FileGetHandler(IRooms rooms, IChatStore store, IFileStore files, ServerOptions options) : CommandHandler<FileGetRequest>
{
    protected override void Handle(CommandContext context, FileGetRequest request)
    {
        FileRecord? file = FileStore.IsValidId(request.FileId) ? store.FindFile(request.FileId) : null;
        if (file is null || !files.Exists(file.FileId))
        {
            context.Reply.Error(ErrorCodes.NoSuchFile, $"there is no file {request.FileId}");
            return;
        }
        // By identity: the room as it is now (not an ended one of the same name), or a direct conversation of this account or guest session.
        bool mayRead = NameRules.IsRoomName(file.To)
            ? rooms.ReadableConversation(context.User, file.To) == file.Conversation
            : Conversations.IsDirectOf(file.Conversation, context.User.Identity);
        if (!mayRead)
        {
            context.Reply.Error(ErrorCodes.NotAMember, $"you may not read {file.To}");
            return;
        }

        // Each download holds an open file until it is sent: a cap per connection keeps a client
        // that asks and never reads from using up the server's descriptors.
        ClientSession client = context.Client;
        int max = options.MaxDownloadsPerConnection;
        if (!client.TryStartDownload(max))
        {
            context.Reply.Error(ErrorCodes.QuotaExceeded, $"{max} downloads are in progress on this connection; wait for one to finish");
            return;
        }
        Stream stream;
        try
        {
            stream = files.OpenRead(file.FileId);
        }
        catch
        {
            client.EndDownload();
            throw;
        }
        var ok = new FileGetOk { Re = context.Reply.OkRe, FileId = file.FileId, Name = file.Name, Size = file.Size, Sha256 = file.Sha256 };
        context.Reply.Ok(ok);
        context.Reply.Then(() => client.Link.AddSource(new DownloadSource(file.FileId, stream, client.EndDownload)));
    }
}

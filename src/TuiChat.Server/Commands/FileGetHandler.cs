using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>file.get</c>: anyone who may read the file's conversation gets an ok with its facts, then
/// its chunks and <c>file.end</c>, fed into the outbound queue as it drains.
/// </summary>
public sealed class FileGetHandler : CommandHandler<FileGetRequest>
{
    protected override CommandResult Handle(CommandContext context, FileGetRequest request)
    {
        ServerServices services = context.Services;
        FileRecord? file = FileStore.IsValidId(request.FileId) ? services.Store.FindFile(request.FileId) : null;
        if (file is null || !services.Files.Exists(file.FileId))
        {
            return CommandResult.Fail(ErrorCodes.NoSuchFile, $"there is no file {request.FileId}");
        }
        // By identity: the room as it is now (not an ended one of the same name), or a direct conversation of this account or guest session.
        bool mayRead = NameRules.IsRoomName(file.To)
            ? services.State.ReadableConversation(context.User, file.To) == file.Conversation
            : Conversations.IsDirectOf(file.Conversation, context.User.Identity);
        if (!mayRead)
        {
            return CommandResult.Fail(ErrorCodes.NotAMember, $"you may not read {file.To}");
        }

        // Each download holds an open file until it is sent: a cap per connection keeps a client
        // that asks and never reads from using up the server's descriptors.
        ClientSession client = context.Client;
        int max = services.Options.MaxDownloadsPerConnection;
        if (!client.TryStartDownload(max))
        {
            return CommandResult.Fail(ErrorCodes.QuotaExceeded, $"{max} downloads are in progress on this connection; wait for one to finish");
        }
        Stream stream;
        try
        {
            stream = services.Files.OpenRead(file.FileId);
        }
        catch
        {
            client.EndDownload();
            throw;
        }
        var ok = new FileGetOk { Re = context.Re, FileId = file.FileId, Name = file.Name, Size = file.Size, Sha256 = file.Sha256 };
        return CommandResult.Done(ok, () => client.Link.AddSource(new DownloadSource(file.FileId, stream, client.EndDownload)));
    }
}

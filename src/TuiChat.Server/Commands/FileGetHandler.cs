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

        FileStream stream = services.Files.OpenRead(file.FileId);
        var ok = new FileGetOk { Re = context.Re, FileId = file.FileId, Name = file.Name, Size = file.Size, Sha256 = file.Sha256 };
        return CommandResult.Done(ok, () => context.Client.Link.AddSource(new DownloadSource(file.FileId, stream)));
    }
}

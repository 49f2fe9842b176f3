using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>file.chunk</c>: appends to an upload. The last chunk triggers the SHA-256 check: a match
/// stores the file and offers it to the recipients; any fault discards the upload (file_corrupt).
/// Every chunk re-checks that the uploader may still post to the target (same room or person).
/// </summary>
public sealed class FileChunkHandler : CommandHandler<FileChunk>
{
    protected override CommandResult Handle(CommandContext context, FileChunk request)
    {
        ServerServices services = context.Services;
        if (!context.Client.Uploads.TryGetValue(request.FileId, out Upload? upload))
        {
            // Chunks of a real upload are bounded by its announced size; a stray chunk is bounded
            // by nothing, so it costs a request token like any other request.
            return context.Client.TryTakeRate()
                ? CommandResult.Fail(ErrorCodes.FileCorrupt, $"no upload {request.FileId} is in progress")
                : CommandResult.Fail(ErrorCodes.RateLimited, "too many requests; slow down");
        }
        // The right to post to the target is checked at every chunk, not only at file.put: a member
        // kicked (or a group ended, a guest peer gone) mid-upload must not deliver the file.
        Outcome allowed = services.State.Recheck(context.User, upload.Target, out Target? target);
        if (!allowed.Ok)
        {
            Abandon(context, upload);
            services.Log.Information("Upload {FileId} from {User} cancelled: {Reason}", upload.FileId, context.User.Name, allowed.Message);
            return CommandResult.Fail(allowed.Code!, $"upload {upload.FileId} cancelled: {allowed.Message}");
        }
        Outcome appended = upload.Append(request.Seq, request.Data);
        if (!appended.Ok)
        {
            Abandon(context, upload);
            return CommandResult.Fail(appended);
        }
        if (!upload.IsComplete)
        {
            return CommandResult.Silent;
        }

        context.Client.Uploads.Remove(upload.FileId);
        if (!upload.Finish())
        {
            services.Files.Discard(upload.FileId);
            services.Log.Information("Upload {FileId} from {User} failed its SHA-256 check", upload.FileId, context.User.Name);
            return CommandResult.Fail(ErrorCodes.FileCorrupt, "the SHA-256 of the received bytes does not match");
        }
        services.Files.Commit(upload.FileId);
        var record = new FileRecord(upload.FileId, context.User.Name, target!.Name, target.Conversation, upload.Name, upload.Size, upload.Sha256, services.Time.GetUtcNow());
        services.Store.AddFileAsync(record, target.OfflineRecipient).GetAwaiter().GetResult();
        services.State.Deliver(context.User, target, MessageCodec.EncodeFrame(FileEvents.From(record, offline: false)));
        services.Log.Information("{User} stored file {FileId} ({Size} bytes) for {To}", context.User.Name, record.FileId, record.Size, target.Name);
        return CommandResult.Silent;
    }

    private static void Abandon(CommandContext context, Upload upload)
    {
        context.Client.Uploads.Remove(upload.FileId);
        upload.Dispose();
        context.Services.Files.Discard(upload.FileId);
    }
}

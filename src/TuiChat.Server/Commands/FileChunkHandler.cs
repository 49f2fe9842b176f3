using Serilog;
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
public sealed class FileChunkHandler(IMessaging messaging, ILineCommit lines, IFileStore files, ILogger log) : CommandHandler<FileChunk>
{
    protected override void Handle(CommandContext context, FileChunk request)
    {
        if (!context.Client.Uploads.TryGetValue(request.FileId, out Upload? upload))
        {
            // Chunks of a real upload are bounded by its announced size; a stray chunk is bounded
            // by nothing, so it costs a request token like any other request.
            if (context.Client.TryTakeRate())
            {
                context.Reply.Error(ErrorCodes.FileCorrupt, $"no upload {request.FileId} is in progress");
            }
            else
            {
                context.Reply.Error(ErrorCodes.RateLimited, "too many requests; slow down");
            }
            return;
        }
        // The right to post to the target is checked at every chunk, not only at file.put: a member
        // kicked (or a group ended, a guest peer gone) mid-upload must not deliver the file.
        Outcome allowed = messaging.Recheck(context.User, upload.Target, out Target? target);
        if (!allowed.Ok)
        {
            Abandon(context, upload);
            log.Information("Upload {FileId} from {User} cancelled: {Reason}", upload.FileId, context.User.Name, allowed.Message);
            context.Reply.Error(allowed.Code!, $"upload {upload.FileId} cancelled: {allowed.Message}");
            return;
        }
        Outcome appended = upload.Append(request.Seq, request.Data);
        if (!appended.Ok)
        {
            Abandon(context, upload);
            context.Reply.Fail(appended);
            return;
        }
        if (!upload.IsComplete)
        {
            return;
        }

        context.Client.Uploads.Remove(upload.FileId);
        if (!upload.Finish())
        {
            files.Discard(upload.FileId);
            log.Information("Upload {FileId} from {User} failed its SHA-256 check", upload.FileId, context.User.Name);
            context.Reply.Error(ErrorCodes.FileCorrupt, "the SHA-256 of the received bytes does not match");
            return;
        }
        files.Commit(upload.FileId);
        // The offer is a line of its conversation's history, numbered like a chat line.
        (long msgId, DateTimeOffset ts) = messaging.NumberLine();
        var record = new FileRecord(upload.FileId, context.User.Name, target!.Name, target.Conversation, upload.Name, upload.Size, upload.Sha256, ts, msgId);
        record = lines.CommitFileAsync(record, target.OfflineRecipient).GetAwaiter().GetResult();
        messaging.Deliver(context.User, target, new FileOffered(record, offline: false));
        log.Information("{User} stored file {FileId} ({Size} bytes) for {To}", context.User.Name, record.FileId, record.Size, target.Name);
    }

    private void Abandon(CommandContext context, Upload upload)
    {
        context.Client.Uploads.Remove(upload.FileId);
        upload.Dispose();
        files.Discard(upload.FileId);
    }
}

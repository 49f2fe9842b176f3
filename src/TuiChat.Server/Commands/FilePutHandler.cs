using Serilog;
using TuiChat.Server.Accounts;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>file.put</c>: checks name, size, digest and recipient before a single byte is accepted,
/// then opens a temporary file for the chunks and replies with the new fileId.
/// </summary>
public sealed class FilePutHandler(IMessaging messaging, AccountService accounts, IFileStore files, ServerOptions options, ILogger log) : CommandHandler<FilePutRequest>
{
    /// <summary>Uploads one connection may have open at once.</summary>
    public const int MaxConcurrentUploads = 4;

    protected override void Handle(CommandContext context, FilePutRequest request)
    {
        if (!NameRules.TryValidateFileName(request.Name, out string error))
        {
            context.Reply.Error(ErrorCodes.FileInvalid, error);
            return;
        }
        if (!NameRules.IsSha256Hex(request.Sha256))
        {
            context.Reply.Error(ErrorCodes.FileInvalid, "sha256 must be 64 lower-case hex digits");
            return;
        }
        if (request.Size < 1)
        {
            context.Reply.Error(ErrorCodes.FileInvalid, "a file holds at least one byte");
            return;
        }
        if (request.Size > options.MaxFileBytes)
        {
            context.Reply.Error(ErrorCodes.FileTooLarge, $"files are limited to {options.MaxFileBytes} bytes");
            return;
        }
        if (context.Client.Uploads.Count >= MaxConcurrentUploads)
        {
            context.Reply.Error(ErrorCodes.QuotaExceeded, $"at most {MaxConcurrentUploads} uploads at a time");
            return;
        }
        if (!CommandTargets.TryResolveAccount(accounts, context.Reply, request.To, out string? account))
        {
            return;
        }
        Outcome outcome = messaging.ResolveTarget(context.User, request.To, account, out Target? target);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }

        string fileId = FileStore.NewFileId();
        context.Client.Uploads[fileId] = new Upload(fileId, target!, request.Name, request.Size, request.Sha256, files.CreateTemp(fileId));
        log.Information("{User} uploads {Size} bytes to {To} as {FileId}", context.User.Name, request.Size, target!.Name, fileId);
        context.Reply.Ok(new FilePutOk { Re = context.Reply.OkRe, FileId = fileId });
    }
}

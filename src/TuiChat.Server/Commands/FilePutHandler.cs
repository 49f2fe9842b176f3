using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>file.put</c>: checks name, size, digest and recipient before a single byte is accepted,
/// then opens a temporary file for the chunks and replies with the new fileId.
/// </summary>
public sealed class FilePutHandler : CommandHandler<FilePutRequest>
{
    /// <summary>Uploads one connection may have open at once.</summary>
    public const int MaxConcurrentUploads = 4;

    protected override CommandResult Handle(CommandContext context, FilePutRequest request)
    {
        ServerServices services = context.Services;
        if (!NameRules.TryValidateFileName(request.Name, out string error))
        {
            return CommandResult.Fail(ErrorCodes.FileInvalid, error);
        }
        if (!NameRules.IsSha256Hex(request.Sha256))
        {
            return CommandResult.Fail(ErrorCodes.FileInvalid, "sha256 must be 64 lower-case hex digits");
        }
        if (request.Size < 1)
        {
            return CommandResult.Fail(ErrorCodes.FileInvalid, "a file holds at least one byte");
        }
        if (request.Size > services.Options.MaxFileBytes)
        {
            return CommandResult.Fail(ErrorCodes.FileTooLarge, $"files are limited to {services.Options.MaxFileBytes} bytes");
        }
        if (context.Client.Uploads.Count >= MaxConcurrentUploads)
        {
            return CommandResult.Fail(ErrorCodes.QuotaExceeded, $"at most {MaxConcurrentUploads} uploads at a time");
        }
        if (!CommandTargets.TryResolveAccount(context, request.To, out string? account, out CommandResult refusal))
        {
            return refusal;
        }
        Outcome outcome = services.State.ResolveTarget(context.User, request.To, account, out Target? target);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }

        string fileId = FileStore.NewFileId();
        context.Client.Uploads[fileId] = new Upload(fileId, target!, request.Name, request.Size, request.Sha256, services.Files.CreateTemp(fileId));
        services.Log.Information("{User} uploads {Size} bytes to {To} as {FileId}", context.User.Name, request.Size, target!.Name, fileId);
        return CommandResult.Done(new FilePutOk { Re = context.Re, FileId = fileId });
    }
}

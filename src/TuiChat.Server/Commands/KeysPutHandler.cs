using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>keys.put</c>: a registered user publishes (or replaces) its identity keys. The server checks
/// their shape only; it cannot and does not vouch for them, clients pin and verify them.
/// </summary>
public sealed class KeysPutHandler(IChatStore store, TimeProvider time) : CommandHandler<KeysPutRequest>
{
    private const int PublicKeyBytes = 32;
    private const int SignatureBytes = 64;

    protected override void Handle(CommandContext context, KeysPutRequest request)
    {
        if (!context.User.Registered)
        {
            context.Reply.Error(ErrorCodes.NotAllowed, "only registered accounts publish keys");
            return;
        }
        if (!HasLength(request.Agreement, PublicKeyBytes) || !HasLength(request.Signing, PublicKeyBytes)
            || !HasLength(request.Signature, SignatureBytes))
        {
            context.Reply.Error(ErrorCodes.BadRequest, "keys must be base64: agreement and signing 32 bytes, signature 64 bytes");
            return;
        }
        var record = new IdentityKeysRecord(context.User.Name, request.Agreement, request.Signing, request.Signature,
            time.GetUtcNow());
        // Rare (once per login at most), so the reader waits for durability like account creation does.
        store.PutIdentityKeysAsync(record).GetAwaiter().GetResult();
        context.Reply.Ok();
    }

    private static bool HasLength(string base64, int bytes)
    {
        Span<byte> buffer = stackalloc byte[SignatureBytes];
        return base64.Length <= 4 * ((SignatureBytes + 2) / 3)
            && Convert.TryFromBase64String(base64, buffer, out int written) && written == bytes;
    }
}

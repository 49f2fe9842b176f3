using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary><c>keys.get</c>: the identity keys a user published, or none (guests, old clients).</summary>
public sealed class KeysGetHandler : CommandHandler<KeysGetRequest>
{
    protected override CommandResult Handle(CommandContext context, KeysGetRequest request)
    {
        if (!NameRules.TryNormalizeUser(request.User, out string user, out string error))
        {
            return CommandResult.Fail(ErrorCodes.NameInvalid, error);
        }
        IdentityKeysRecord? keys = context.Services.Store.FindIdentityKeys(user);
        return CommandResult.Done(new KeysOk
        {
            Re = context.Re,
            User = keys?.User ?? user,
            Agreement = keys?.Agreement,
            Signing = keys?.Signing,
            Signature = keys?.Signature,
        });
    }
}

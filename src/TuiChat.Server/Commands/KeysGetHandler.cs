using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary><c>keys.get</c>: the identity keys a user published, or none (guests, old clients).</summary>
public sealed class KeysGetHandler(IChatStore store) : CommandHandler<KeysGetRequest>
{
    protected override void Handle(CommandContext context, KeysGetRequest request)
    {
        if (!NameRules.TryNormalizeUser(request.User, out string user, out string error))
        {
            context.Reply.Error(ErrorCodes.NameInvalid, error);
            return;
        }
        IdentityKeysRecord? keys = store.FindIdentityKeys(user);
        context.Reply.Ok(new KeysOk
        {
            Re = context.Reply.OkRe,
            User = keys?.User ?? user,
            Agreement = keys?.Agreement,
            Signing = keys?.Signing,
            Signature = keys?.Signature,
        });
    }
}

using TuiChat.Protocol;
using TuiChat.Server.Accounts;

namespace TuiChat.Server.Commands;

/// <summary>Checks the <c>to</c> of a message or file before the ChatState resolves it.</summary>
internal static class CommandTargets
{
    /// <summary>
    /// A room name must be valid (room_invalid); a user name must be valid (no_such_user), and its
    /// registered spelling is looked up (outside the lock) in case the user is offline.
    /// </summary>
    public static bool TryResolveAccount(AccountService accounts, ReplyBuffer reply, string to, out string? account)
    {
        account = null;
        if (NameRules.IsRoomName(to))
        {
            if (NameRules.TryValidateRoom(to, out string error))
            {
                return true;
            }
            reply.Error(ErrorCodes.RoomInvalid, error);
            return false;
        }
        if (!NameRules.TryNormalizeUser(to, out string user, out _))
        {
            reply.Error(ErrorCodes.NoSuchUser, $"{to} is not a valid user name");
            return false;
        }
        account = accounts.FindRegisteredName(user);
        return true;
    }
}

using TuiChat.Protocol;

namespace TuiChat.Server.Commands;

/// <summary>Checks the <c>to</c> of a message or file before the ChatState resolves it.</summary>
internal static class CommandTargets
{
    /// <summary>
    /// A room name must be valid (room_invalid); a user name must be valid (no_such_user), and its
    /// registered spelling is looked up (outside the lock) in case the user is offline.
    /// </summary>
    public static bool TryResolveAccount(CommandContext context, string to, out string? account, out CommandResult refusal)
    {
        account = null;
        refusal = default;
        if (NameRules.IsRoomName(to))
        {
            if (NameRules.TryValidateRoom(to, out string error))
            {
                return true;
            }
            refusal = CommandResult.Fail(ErrorCodes.RoomInvalid, error);
            return false;
        }
        if (!NameRules.TryNormalizeUser(to, out string user, out _))
        {
            refusal = CommandResult.Fail(ErrorCodes.NoSuchUser, $"{to} is not a valid user name");
            return false;
        }
        account = context.Services.Accounts.FindRegisteredName(user);
        return true;
    }
}

using TuiChat.Protocol;
using TuiChat.Server.Accounts;

namespace TuiChat.Server.Chat;

/// <summary>Who may read which stored history: the rule both protocols' history commands apply.</summary>
public static class HistoryAccess
{
    /// <summary>
    /// The history key of <paramref name="to"/> as <paramref name="user"/> may read it, by identity:
    /// the room as it is now (not an ended one of the same name) when the user is a member, or the
    /// direct conversation with whoever holds the name now (an account, or an online guest's
    /// session). Null with a refusal when the request is wrong; null with a successful outcome when
    /// there is simply nothing to read (a guest who left has no conversation anyone can read).
    /// </summary>
    public static string? Conversation(IRooms rooms, IMessaging messaging, AccountService accounts, ChatUser user, string to, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (NameRules.IsRoomName(to))
        {
            if (!NameRules.TryValidateRoom(to, out string error))
            {
                refusal = Outcome.Fail(ErrorCodes.RoomInvalid, error);
                return null;
            }
            string? room = rooms.ReadableConversation(user, to);
            if (room is null)
            {
                refusal = Outcome.Fail(ErrorCodes.NotAMember, $"only members of {to} may read its history");
            }
            return room;
        }
        if (!NameRules.TryNormalizeUser(to, out string peer, out _))
        {
            refusal = Outcome.Fail(ErrorCodes.NoSuchUser, $"{to} is not a valid user name");
            return null;
        }
        return messaging.ResolveTarget(user, peer, accounts.FindRegisteredName(peer), out Target? target).Ok
            ? target!.Conversation
            : null;
    }
}

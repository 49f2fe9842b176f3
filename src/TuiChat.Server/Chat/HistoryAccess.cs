using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>Who may read which stored history: the rule both protocols' history commands apply.</summary>
public static class HistoryAccess
{
    /// <summary>
    /// The history key of <paramref name="to"/> as <paramref name="user"/> may read it: a room it is
    /// a member of, or its direct conversation with a user; null (and the refusal) otherwise.
    /// </summary>
    public static string? Conversation(IRooms rooms, ChatUser user, string to, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (NameRules.IsRoomName(to))
        {
            if (!NameRules.TryValidateRoom(to, out string error))
            {
                refusal = Outcome.Fail(ErrorCodes.RoomInvalid, error);
                return null;
            }
            if (!rooms.IsMember(user, to))
            {
                refusal = Outcome.Fail(ErrorCodes.NotAMember, $"only members of {to} may read its history");
                return null;
            }
            return Conversations.Room(to);
        }
        if (NameRules.TryNormalizeUser(to, out string peer, out _))
        {
            return Conversations.Direct(user.Name, peer);
        }
        refusal = Outcome.Fail(ErrorCodes.NoSuchUser, $"{to} is not a valid user name");
        return null;
    }
}

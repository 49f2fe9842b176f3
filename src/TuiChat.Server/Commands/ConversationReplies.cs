using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>The wire shapes of read state and stored lines, shared by <c>hello</c>, <c>rooms</c>, <c>history</c> and <c>search</c>.</summary>
public static class ConversationReplies
{
    public static string Kind(ConversationKind kind) => kind switch
    {
        ConversationKind.Room => ConversationKinds.Room,
        ConversationKind.Group => ConversationKinds.Group,
        _ => ConversationKinds.Direct,
    };

    /// <summary>The account's conversations and their counts (<see cref="ReadState"/>); null for a guest, which keeps none.</summary>
    public static IReadOnlyList<ConversationInfo>? ForAccount(IPeople people, ReadState readState, ChatUser user, bool withGeneral) =>
        user.Registered
            ? [.. readState.Summarize(user, people.ConversationsOf(user, withGeneral)).Select(a => new ConversationInfo
            {
                Room = a.Name, Kind = Kind(a.Kind), ReadMsgId = a.ReadMsgId, LastMsgId = a.LastMsgId, Unread = a.Unread, Highlights = a.Highlights,
            })]
            : null;

    /// <summary>The file a stored line offers, for history and search; null for a chat line (or a file the store lost).</summary>
    public static OfferedFile? Offered(IChatStore store, StoredMessage line) =>
        line.FileId is { } fileId && store.FindFile(fileId) is { } file ? FileEvents.Offered(file) : null;
}

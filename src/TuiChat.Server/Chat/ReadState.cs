using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

public enum ConversationKind
{
    Room,
    Group,
    Direct,
}

/// <summary>A conversation a user belongs to: its name as the user addresses it (<c>#room</c>, <c>+group</c>, a peer's name) and its history key.</summary>
public sealed record MemberConversation(string Name, ConversationKind Kind, string Conversation);

/// <summary>Where an account stopped reading a conversation and what came after (<see cref="ReadState"/>).</summary>
public sealed record ConversationActivity(string Name, ConversationKind Kind, long ReadMsgId, long LastMsgId, int Unread, int Highlights);

/// <summary>
/// Read positions of registered accounts, kept by the store so that every client of the account,
/// and the same client after a restart, agrees on what was read; and the unread and highlight
/// counts derived from them. Guests keep no positions.
/// </summary>
public sealed class ReadState(IChatStore store)
{
    /// <summary>Counting stops here, per conversation: a login costs a bounded amount however long an account was away.</summary>
    public const int MaxCounted = 1000;

    /// <summary>At most this many direct conversations are listed at login, the most recent first.</summary>
    public const int MaxDirectConversations = 200;

    /// <summary>
    /// The activity of <paramref name="rooms"/> (the rooms and groups <paramref name="user"/> is in)
    /// and of the account's direct conversations with other accounts.
    /// </summary>
    public IReadOnlyList<ConversationActivity> Summarize(ChatUser user, IReadOnlyList<MemberConversation> rooms)
    {
        IReadOnlyDictionary<string, long> positions = store.ReadPositions(user.Identity);
        var activity = new List<ConversationActivity>(rooms.Count);
        foreach (MemberConversation room in rooms)
        {
            activity.Add(Count(user, room, positions.GetValueOrDefault(room.Conversation)));
        }
        foreach (DirectRecord direct in store.DirectConversations(user.Identity, MaxDirectConversations))
        {
            var conversation = new MemberConversation(direct.Peer, ConversationKind.Direct, direct.Conversation);
            activity.Add(Count(user, conversation, positions.GetValueOrDefault(direct.Conversation)));
        }
        return activity;
    }

    /// <summary>Moves the account's read position in <paramref name="conversation"/> forward; returns the position now kept (0 for a guest).</summary>
    public async Task<long> MarkReadAsync(ChatUser user, string conversation, long msgId)
    {
        if (!user.Registered)
        {
            return 0;
        }
        await store.SetReadPositionAsync(user.Identity, conversation, msgId).ConfigureAwait(false);
        return store.ReadPositions(user.Identity).GetValueOrDefault(conversation);
    }

    private ConversationActivity Count(ChatUser user, MemberConversation conversation, long readMsgId)
    {
        IReadOnlyList<StoredMessage> after = store.After(conversation.Conversation, readMsgId, MaxCounted);
        IReadOnlyList<StoredMessage> newest = after.Count > 0 ? after : store.History(conversation.Conversation, null, 1);
        long last = newest.Count > 0 ? newest[^1].MsgId : 0;
        int unread = 0, highlights = 0;
        foreach (StoredMessage line in after)
        {
            if (NameRules.Key(line.From) == user.Key)
            {
                continue;
            }
            unread++;
            if (conversation.Kind == ConversationKind.Direct || Highlights.MentionsName(line.Text, user.Name))
            {
                highlights++;
            }
        }
        return new ConversationActivity(conversation.Name, conversation.Kind, readMsgId, last, unread, highlights);
    }
}

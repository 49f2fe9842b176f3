namespace TuiChat.Server.Storage;

/// <summary>
/// Everything the server keeps across restarts. Writes return a task that completes once the
/// write is durable (the store may batch writes from many connections into one transaction);
/// the server acknowledges only after it completes. Reads never wait for pending writes.
/// All names are matched case-insensitively. Implementations are thread-safe.
/// </summary>
public interface IChatStore : IDisposable
{
    /// <summary>What and where the store is, for the server's start line ("SQLite /var/lib/tuichat/tuichat.db").</summary>
    string Description { get; }

    /// <summary>The highest message id ever stored (0 when none).</summary>
    long MaxMessageId();

    /// <summary>
    /// Hands out a block of message ids that this store has never handed out nor stored: above
    /// <see cref="MaxMessageId"/>, and, for a database shared by several servers, unique across
    /// all of them. The caller numbers its messages from it and asks again when it is used up.
    /// </summary>
    MessageIdBlock ReserveMessageIds();

    /// <summary>The account named <paramref name="user"/> (any case), else one whose name looks like it (same <see cref="NameRules.Skeleton"/>).</summary>
    AccountRecord? FindAccount(string user);

    /// <summary>Adds the account; false when the name, or a name that looks like it, is taken.</summary>
    bool TryAddAccount(AccountRecord account);

    /// <summary>
    /// Stores a chat line, and in the same transaction indexes it for <see cref="Search"/> (unless
    /// <see cref="SearchWords.IsIndexed"/> says no) and records it for <see cref="DirectConversations"/>.
    /// When <paramref name="offlineRecipient"/> is set (a direct message to a
    /// registered user who is offline) it is also queued for that user's next login.
    /// </summary>
    Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null);

    /// <summary>
    /// Messages of a conversation, oldest first: the last <paramref name="limit"/> with id below
    /// <paramref name="before"/>. This read and <see cref="After"/>/<see cref="FirstAfter"/> include
    /// the lines appended but still in their commit delay (they were delivered already).
    /// </summary>
    IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit);

    /// <summary>Lines of a conversation with an id above <paramref name="afterMsgId"/>: the newest <paramref name="limit"/> of them, oldest first.</summary>
    IReadOnlyList<StoredMessage> After(string conversation, long afterMsgId, int limit);

    /// <summary>Lines of a conversation with an id above <paramref name="afterMsgId"/>: the first <paramref name="limit"/> of them, oldest first (IRC's CHATHISTORY AFTER).</summary>
    IReadOnlyList<StoredMessage> FirstAfter(string conversation, long afterMsgId, int limit);

    /// <summary>
    /// Lines holding every word of <paramref name="words"/> (<see cref="SearchWords"/>), newest first, at most
    /// <paramref name="limit"/>, with an id below <paramref name="before"/>, from the conversations in
    /// <paramref name="conversations"/> and the direct conversations of <paramref name="directIdentity"/>
    /// (<see cref="Conversations.IsDirectOf"/>) only. File offers match by their line's text.
    /// </summary>
    IReadOnlyList<StoredMessage> Search(IReadOnlyList<string> words, IReadOnlyCollection<string> conversations, string directIdentity, long? before, int limit);

    /// <summary>
    /// The direct conversations of the account <paramref name="identity"/> with other accounts
    /// (<see cref="Conversations.DirectSides"/>), the most recently active first, at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<DirectRecord> DirectConversations(string identity, int limit);

    /// <summary>Where <paramref name="identity"/> stopped reading each conversation it marked: conversation to msgId.</summary>
    IReadOnlyDictionary<string, long> ReadPositions(string identity);

    /// <summary>Moves <paramref name="identity"/>'s read position in <paramref name="conversation"/> to <paramref name="msgId"/>, never backwards.</summary>
    Task SetReadPositionAsync(string identity, string conversation, long msgId);

    /// <summary>
    /// Direct messages queued for <paramref name="user"/> with a queue position above
    /// <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>. They stay queued
    /// until <see cref="ForgetOfflineAsync"/>: a delivery cut short is repeated at the next login.
    /// </summary>
    IReadOnlyList<QueuedMessage> PeekOfflineMessages(string user, long afterSeq, int limit);

    /// <summary>Files queued for <paramref name="user"/>, like <see cref="PeekOfflineMessages"/>.</summary>
    IReadOnlyList<QueuedFile> PeekOfflineFiles(string user, long afterSeq, int limit);

    /// <summary>Removes <paramref name="user"/>'s queued messages and files up to these queue positions (delivered).</summary>
    Task ForgetOfflineAsync(string user, long throughMessageSeq, long throughFileSeq);

    /// <summary>
    /// Stores a file's metadata; a file with a <see cref="FileRecord.MsgId"/> also becomes a line of its
    /// conversation (<see cref="FileRecord.ToHistoryLine"/>, stored as <see cref="AppendMessageAsync"/> would)
    /// in the same transaction.
    /// </summary>
    Task AddFileAsync(FileRecord file, string? offlineRecipient = null);

    FileRecord? FindFile(string fileId);

    IReadOnlyList<GroupRecord> LoadGroups();

    /// <summary>
    /// Inserts a group's own row, or brings its owner and topic up to date. Its members are changed
    /// one by one (<see cref="AddGroupMemberAsync"/>, <see cref="RemoveGroupMemberAsync"/>), never
    /// as a whole list: two servers changing one group at once must not undo each other's change.
    /// </summary>
    Task SaveGroupAsync(GroupInfo group);

    /// <summary>Adds <paramref name="member"/> after the group's other members; nothing when it is one (by name key).</summary>
    Task AddGroupMemberAsync(string room, string member);

    /// <summary>Removes <paramref name="member"/> (by name key) from the group, leaving the other members as they are.</summary>
    Task RemoveGroupMemberAsync(string room, string member);

    Task DeleteGroupAsync(string room);

    /// <summary>Public rooms that outlive their online members (<see cref="RoomRecord"/>).</summary>
    IReadOnlyList<RoomRecord> LoadRooms();

    /// <summary>Inserts or replaces a public room with its full list of remembering accounts.</summary>
    Task SaveRoomAsync(RoomRecord room);

    Task DeleteRoomAsync(string room);

    /// <summary>Records when the account <paramref name="user"/>'s last session ended.</summary>
    Task SetLastSeenAsync(string user, DateTimeOffset time);

    /// <summary>When the account <paramref name="user"/>'s last session ended; null when never recorded.</summary>
    DateTimeOffset? LastSeen(string user);

    /// <summary>Inserts or replaces the identity keys of an account.</summary>
    Task PutIdentityKeysAsync(IdentityKeysRecord keys);

    IdentityKeysRecord? FindIdentityKeys(string user);
}

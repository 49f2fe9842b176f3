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
    /// Stores a chat line. When <paramref name="offlineRecipient"/> is set (a direct message to a
    /// registered user who is offline) it is also queued for that user's next login.
    /// </summary>
    Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null);

    /// <summary>Messages of a conversation, oldest first: the last <paramref name="limit"/> with id below <paramref name="before"/>.</summary>
    IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit);

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

    Task AddFileAsync(FileRecord file, string? offlineRecipient = null);

    FileRecord? FindFile(string fileId);

    IReadOnlyList<GroupRecord> LoadGroups();

    /// <summary>Inserts or replaces a group with its full member list.</summary>
    Task SaveGroupAsync(GroupRecord group);

    Task DeleteGroupAsync(string room);

    /// <summary>Inserts or replaces the identity keys of an account.</summary>
    Task PutIdentityKeysAsync(IdentityKeysRecord keys);

    IdentityKeysRecord? FindIdentityKeys(string user);
}

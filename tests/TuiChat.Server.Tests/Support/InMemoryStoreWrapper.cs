using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>
/// An in-memory store for tests that only change how message writes complete: everything else
/// goes straight to <see cref="Inner"/>.
/// </summary>
public abstract class InMemoryStoreWrapper : IChatStore
{
    protected InMemoryChatStore Inner { get; } = new();

    public abstract Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null);

    public string Description => Inner.Description;

    public long MaxMessageId() => Inner.MaxMessageId();

    public MessageIdBlock ReserveMessageIds() => Inner.ReserveMessageIds();

    public AccountRecord? FindAccount(string user) => Inner.FindAccount(user);

    public bool TryAddAccount(AccountRecord account) => Inner.TryAddAccount(account);

    public IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit) => Inner.History(conversation, before, limit);

    public IReadOnlyList<QueuedMessage> PeekOfflineMessages(string user, long afterSeq, int limit) => Inner.PeekOfflineMessages(user, afterSeq, limit);

    public IReadOnlyList<QueuedFile> PeekOfflineFiles(string user, long afterSeq, int limit) => Inner.PeekOfflineFiles(user, afterSeq, limit);

    public Task ForgetOfflineAsync(string user, long throughMessageSeq, long throughFileSeq) => Inner.ForgetOfflineAsync(user, throughMessageSeq, throughFileSeq);

    public Task AddFileAsync(FileRecord file, string? offlineRecipient = null) => Inner.AddFileAsync(file, offlineRecipient);

    public FileRecord? FindFile(string fileId) => Inner.FindFile(fileId);

    public IReadOnlyList<GroupRecord> LoadGroups() => Inner.LoadGroups();

    public Task SaveGroupAsync(GroupInfo group) => Inner.SaveGroupAsync(group);

    public Task AddGroupMemberAsync(string room, string member) => Inner.AddGroupMemberAsync(room, member);

    public Task RemoveGroupMemberAsync(string room, string member) => Inner.RemoveGroupMemberAsync(room, member);

    public Task DeleteGroupAsync(string room) => Inner.DeleteGroupAsync(room);

    public Task PutIdentityKeysAsync(IdentityKeysRecord keys) => Inner.PutIdentityKeysAsync(keys);

    public IdentityKeysRecord? FindIdentityKeys(string user) => Inner.FindIdentityKeys(user);

    public IReadOnlyList<StoredMessage> After(string conversation, long afterMsgId, int limit) => Inner.After(conversation, afterMsgId, limit);

    public IReadOnlyList<StoredMessage> FirstAfter(string conversation, long afterMsgId, int limit) => Inner.FirstAfter(conversation, afterMsgId, limit);

    public IReadOnlyList<StoredMessage> Search(IReadOnlyList<string> words, IReadOnlyCollection<string> conversations, string directIdentity, long? before, int limit) =>
        Inner.Search(words, conversations, directIdentity, before, limit);

    public IReadOnlyList<DirectRecord> DirectConversations(string identity, int limit) => Inner.DirectConversations(identity, limit);

    public IReadOnlyDictionary<string, long> ReadPositions(string identity) => Inner.ReadPositions(identity);

    public Task SetReadPositionAsync(string identity, string conversation, long msgId) => Inner.SetReadPositionAsync(identity, conversation, msgId);

    public IReadOnlyList<RoomRecord> LoadRooms() => Inner.LoadRooms();

    public Task SaveRoomAsync(RoomRecord room) => Inner.SaveRoomAsync(room);

    public Task DeleteRoomAsync(string room) => Inner.DeleteRoomAsync(room);

    public Task SetLastSeenAsync(string user, DateTimeOffset time) => Inner.SetLastSeenAsync(user, time);

    public DateTimeOffset? LastSeen(string user) => Inner.LastSeen(user);

    public void Dispose()
    {
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }
}

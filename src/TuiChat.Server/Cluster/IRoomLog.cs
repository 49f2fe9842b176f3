using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>The numbered lines of the conversations (rooms and direct ones), as the shared database keeps them (<see cref="PostgresChatStore"/>).</summary>
public interface IRoomLog
{
    /// <summary>The number of the room's last stored line (0 when none).</summary>
    long LastNumber(string conversation);

    /// <summary>The room's lines numbered above <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<NumberedMessage> ConversationSince(string conversation, long afterSeq, int limit);

    FileRecord? FindFile(string fileId);

    /// <summary>
    /// Stores a chat line (a room's or a direct one), numbering it in its conversation and giving it
    /// a message id in the same transaction: within a conversation, both follow the order of the commits.
    /// </summary>
    /// <param name="offlineRecipient">An account that gets the direct message from its offline queue unless a session of it gets it live (<see cref="ForgetQueuedAsync"/>).</param>
    /// <param name="numbered">
    /// Told the line's number and id inside the transaction, before COMMIT, so before anyone can read
    /// it (again for each retry of the write; only the last one is stored, and none when it fails).
    /// </param>
    Task<NumberedMessage> AppendLineAsync(StoredMessage proposed, string? offlineRecipient, Action<NumberedMessage> numbered);

    /// <summary>A session of <paramref name="user"/> got the queued direct message live: it leaves the offline queue.</summary>
    Task ForgetQueuedAsync(string user, long msgId);

    /// <summary>
    /// Stores a file offer: its line numbered in its conversation like a chat line (the returned
    /// record has the id the database gave it), and the file's row.
    /// </summary>
    Task<FileRecord> AppendFileAsync(FileRecord proposed, string? offlineRecipient);
}

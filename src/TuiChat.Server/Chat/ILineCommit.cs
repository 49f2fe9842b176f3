using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// How a posted chat line (or a file offer) becomes durable: chosen once at start. On one server it is the store's
/// append (the core has delivered the line already); in a cluster it is the cluster, which numbers
/// a room line in the database and delivers it on every server in that order.
/// </summary>
public interface ILineCommit
{
    /// <summary>Completes with the line as stored (its id may be the store's) once it is durable.</summary>
    /// <param name="origin">The session that sent it: the line delivered back to it is its own (an IRC client without echo-message gets none).</param>
    /// <exception cref="StoreUnavailableException">(in the task) The line was neither stored nor delivered.</exception>
    Task<StoredMessage> CommitAsync(StoredMessage proposed, string? offlineRecipient, IClientLink origin);

    /// <summary>Stores a file offer (a line of its conversation) and its file's row; completes with the record as stored (its id may be the store's).</summary>
    Task<FileRecord> CommitFileAsync(FileRecord proposed, string? offlineRecipient);
}

/// <summary>One server: the store's append, the line as proposed (the core delivered it already, with its origin).</summary>
public sealed class StoreLineCommit(IChatStore store) : ILineCommit
{
    public Task<StoredMessage> CommitAsync(StoredMessage proposed, string? offlineRecipient, IClientLink origin)
    {
        Task write = store.AppendMessageAsync(proposed, offlineRecipient);
        return write.IsCompletedSuccessfully ? Task.FromResult(proposed) : Then(write, proposed);

        static async Task<StoredMessage> Then(Task write, StoredMessage stored)
        {
            await write.ConfigureAwait(false);
            return stored;
        }
    }

    public async Task<FileRecord> CommitFileAsync(FileRecord proposed, string? offlineRecipient)
    {
        await store.AddFileAsync(proposed, offlineRecipient).ConfigureAwait(false);
        return proposed;
    }
}

/// <summary>A line that was neither stored nor delivered because the database could not be reached; the sender gets <c>unavailable</c>.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);

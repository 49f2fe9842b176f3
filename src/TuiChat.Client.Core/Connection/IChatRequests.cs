using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// What a view-model asks of a TuiChat server: log in, join, send, fetch history, move files.
/// Each method returns when the server's reply arrives; an <c>error</c> reply throws
/// <see cref="ChatRequestException"/> with its code. What the server says unasked is in
/// <see cref="IChatEvents"/>.
/// </summary>
public interface IChatRequests
{
    /// <summary>
    /// Connects and logs in. A refused login throws <see cref="ChatRequestException"/> and leaves the
    /// connection <see cref="ConnectionState.Disconnected"/>; an unreachable server throws the socket
    /// error. Once logged in, dropped connections are re-established by themselves.
    /// </summary>
    Task<HelloOk> ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops the current session (if any) and connects and logs in again at once, cutting a backoff
    /// wait short, also after a refused login; then re-joins the user's rooms like any reconnect.
    /// </summary>
    Task<HelloOk> ReconnectAsync(CancellationToken cancellationToken = default);

    Task<RoomOk> JoinAsync(string room, CancellationToken cancellationToken = default);

    Task LeaveAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Creates a private group (<c>create{private:true}</c>) with the given members.</summary>
    Task<RoomOk> CreateGroupAsync(string room, IReadOnlyList<string> members, CancellationToken cancellationToken = default);

    Task InviteAsync(string room, string user, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="user"/> from a room or group; <paramref name="reason"/> (optional) is told to the room and to the user.</summary>
    Task KickAsync(string room, string user, string? reason = null, CancellationToken cancellationToken = default);

    Task SetTopicAsync(string room, string topic, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default);

    /// <summary>All online users, or the members of <paramref name="room"/>.</summary>
    Task<IReadOnlyList<UserInfo>> ListUsersAsync(string? room = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends to a room/group (<c>#x</c>, <c>+x</c>) or a user name. Lines go out one at a time, in
    /// the order of the calls; a <c>rate_limited</c> refusal holds them all and retries (see
    /// <see cref="ConnectionStatus.SlowedDown"/>). Completes with the server's <c>ok</c>.
    /// </summary>
    Task<MsgOk> SendMessageAsync(string target, string text, CancellationToken cancellationToken = default);

    /// <summary>Messages of <paramref name="target"/>, oldest first, all older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string target, long? before = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads the file at <paramref name="path"/>: hashes it, sends <c>file.put</c> and 64 KiB
    /// <c>file.chunk</c> frames, and completes when the server's <c>file</c> event for it arrives.
    /// </summary>
    Task<FileEvent> UploadFileAsync(string target, string path, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads <paramref name="fileId"/> into <paramref name="destination"/> and returns what the
    /// server announced. The caller checks the SHA-256 of what was written.
    /// </summary>
    Task<FileGetOk> DownloadFileAsync(string fileId, Stream destination, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary><c>keys.put</c>: publishes this account's end-to-end identity keys.</summary>
    Task PublishKeysAsync(KeysPutRequest keys, CancellationToken cancellationToken = default);

    /// <summary><c>keys.get</c>: the identity keys <paramref name="user"/> published (fields null when none).</summary>
    Task<KeysOk> GetKeysAsync(string user, CancellationToken cancellationToken = default);

    /// <summary><c>read</c>: the conversation <paramref name="room"/> (<c>#room</c>, <c>+group</c> or a user) is read up to <paramref name="msgId"/>; the reply has the position the server keeps.</summary>
    Task<ReadOk> MarkReadAsync(string room, long msgId, CancellationToken cancellationToken = default);

    /// <summary><c>search</c>: lines the user may read holding every word of <paramref name="query"/>, newest first; the next page is <c>before</c> = the last result's msgId.</summary>
    Task<SearchOk> SearchAsync(string query, long? before = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary><c>away</c>: away with <paramref name="text"/>, or back when it is null or empty.</summary>
    Task SetAwayAsync(string? text, CancellationToken cancellationToken = default);

    /// <summary><c>whois</c>: online or last seen, registered or guest, away, rooms in common.</summary>
    Task<WhoisOk> WhoisAsync(string user, CancellationToken cancellationToken = default);

    /// <summary><c>admin.shutdown</c>: only the admin may.</summary>
    Task ShutdownServerAsync(string? reason, CancellationToken cancellationToken = default);

    /// <summary>Sends <c>quit</c>, closes the connection and stops reconnecting.</summary>
    Task QuitAsync(string? reason = null, CancellationToken cancellationToken = default);
}

namespace TuiChat.Server.Storage;

/// <summary>
/// A chat line as stored. <see cref="Conversation"/> is the history key from
/// <see cref="Conversations"/>; <see cref="To"/> is the room or user as sent.
/// </summary>
public sealed record StoredMessage(long MsgId, DateTimeOffset Ts, string Conversation, string From, string To, string Text);

/// <summary>A registered account. <see cref="PasswordHash"/> is the self-describing hash string.</summary>
public sealed record AccountRecord(string User, string PasswordHash, string Role, DateTimeOffset Created);

/// <summary>
/// A private group of registered users, as it must survive a restart. <see cref="Conversation"/> is
/// its identity and history key, fixed when the group was created.
/// </summary>
public sealed record GroupRecord(string Room, string Owner, string Topic, IReadOnlyList<string> Members, string Conversation);

/// <summary>The metadata of an uploaded file; its bytes live in the file store under <see cref="FileId"/>.</summary>
public sealed record FileRecord(string FileId, string From, string To, string Conversation, string Name, long Size, string Sha256, DateTimeOffset Ts);

/// <summary>
/// The identity keys an account published (base64, as on the wire). The server hands them out;
/// it does not vouch for them.
/// </summary>
public sealed record IdentityKeysRecord(string User, string Agreement, string Signing, string Signature, DateTimeOffset Updated);
/// <summary>A direct message waiting in a user's offline queue, at queue position <see cref="Seq"/>.</summary>
public sealed record QueuedMessage(long Seq, StoredMessage Message);

/// <summary>A file waiting in a user's offline queue, at queue position <see cref="Seq"/>.</summary>
public sealed record QueuedFile(long Seq, FileRecord File);

/// <summary>Message ids <see cref="First"/> to <see cref="Last"/>, inclusive, reserved for one server.</summary>
public sealed record MessageIdBlock(long First, long Last);

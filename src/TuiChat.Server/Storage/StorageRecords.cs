namespace TuiChat.Server.Storage;

/// <summary>
/// A chat line as stored. <see cref="Conversation"/> is the history key from
/// <see cref="Conversations"/>; <see cref="To"/> is the room or user as sent. A file offer's line
/// has the offered file's <see cref="FileId"/> (<see cref="FileRecord.ToHistoryLine"/>).
/// </summary>
/// <param name="Notice">The line is a notice (IRC's NOTICE: never answered automatically), kept as such in history.</param>
public sealed record StoredMessage(long MsgId, DateTimeOffset Ts, string Conversation, string From, string To, string Text, string? FileId = null, bool Notice = false);

/// <summary>A registered account. <see cref="PasswordHash"/> is the self-describing hash string.</summary>
public sealed record AccountRecord(string User, string PasswordHash, string Role, DateTimeOffset Created);

/// <summary>
/// A private group of registered users, as it must survive a restart. <see cref="Conversation"/> is
/// its identity and history key, fixed when the group was created.
/// </summary>
public sealed record GroupRecord(string Room, string Owner, string Topic, IReadOnlyList<string> Members, string Conversation);

/// <summary>A group's own row (<see cref="IChatStore.SaveGroupAsync"/>); its members are rows of their own, changed one by one.</summary>
public sealed record GroupInfo(string Room, string Owner, string Topic, string Conversation);

/// <summary>
/// The metadata of an uploaded file; its bytes live in the file store under <see cref="FileId"/>.
/// A file with a <see cref="MsgId"/> is also a line of its conversation's history (0: stored before offers were).
/// </summary>
public sealed record FileRecord(string FileId, string From, string To, string Conversation, string Name, long Size, string Sha256, DateTimeOffset Ts, long MsgId = 0)
{
    /// <summary>The history line that offers this file; its text is what a client that knows no offers shows.</summary>
    public StoredMessage ToHistoryLine() =>
        new(MsgId, Ts, Conversation, From, To, $"sent a file: {Name} ({Size.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes)", FileId);
}

/// <summary>
/// The identity keys an account published (base64, as on the wire). The server hands them out;
/// it does not vouch for them.
/// </summary>
public sealed record IdentityKeysRecord(string User, string Agreement, string Signing, string Signature, DateTimeOffset Updated);
/// <summary>
/// A public room that outlives its online members: its identity (<see cref="Conversation"/>), topic,
/// operator (an identity, empty for none) and the registered accounts that remember it (rejoined at login).
/// </summary>
public sealed record RoomRecord(string Room, string Topic, string Operator, IReadOnlyList<string> Members, string Conversation);

/// <summary>
/// A direct conversation as one side sees it: the other side's name, and the newest line in it.
/// Kept by the store for every side of every direct message it stores (<see cref="Conversations.DirectSides"/>).
/// </summary>
public sealed record DirectRecord(string Conversation, string Peer, long LastMsgId);

/// <summary>A direct message waiting in a user's offline queue, at queue position <see cref="Seq"/>.</summary>
public sealed record QueuedMessage(long Seq, StoredMessage Message);

/// <summary>A file waiting in a user's offline queue, at queue position <see cref="Seq"/>.</summary>
public sealed record QueuedFile(long Seq, FileRecord File);

/// <summary>Message ids <see cref="First"/> to <see cref="Last"/>, inclusive, reserved for one server.</summary>
public sealed record MessageIdBlock(long First, long Last);

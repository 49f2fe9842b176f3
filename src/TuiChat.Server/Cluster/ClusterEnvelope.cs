using System.Text.Json;
using System.Text.Json.Serialization;
using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Cluster;

/// <summary>
/// One event on the backplane, as JSON (protocol-neutral: every server encodes it for its own
/// clients). <see cref="Kind"/> is <c>line</c> (a committed room line, numbered <see cref="Seq"/>),
/// <c>joined</c>, <c>left</c>, <c>topic</c>, <c>stored</c>, <c>direct</c>, <c>online</c>, <c>offline</c>, <c>away</c>, <c>query</c>, <c>started</c> or <c>shutdown</c>.
/// <see cref="Node"/> is the server that decided it: a server ignores its own events, which it has
/// delivered already.
/// </summary>
/// <param name="Role">A user's role (<c>online</c>).</param>
/// <param name="Registered">The user is an account (<c>online</c>, <c>joined</c>, <c>left</c>).</param>
/// <param name="Away">A user's away text (<c>online</c>, <c>away</c>, <c>joined</c>); null when present.</param>
/// <param name="From">A line's sender; who kicked (<c>left</c> by kick); a user's name (<c>online</c>, <c>offline</c>).</param>
/// <param name="Text">A line's text; what the user said leaving, or the kick's reason (<c>left</c>).</param>
/// <param name="Owner">A group's owner (<c>joined</c>); with <c>left</c> of its owner, who it passes to.</param>
/// <param name="Notice">A <c>line</c> or <c>direct</c> is a notice (IRC's NOTICE).</param>
/// <param name="Answer">A <c>query</c> is an answer (an IRC NOTICE), not a request.</param>
/// <param name="For">The one server the event is for (the others ignore it); null for all.</param>
/// <param name="Queued">A direct message is in its recipient's offline queue too (<c>direct</c>): a server that delivers it to the recipient takes it out.</param>
internal sealed record ClusterEnvelope(
    string Kind,
    string Node,
    string Room,
    string Conversation,
    long Seq = 0,
    long MsgId = 0,
    long TsTicks = 0,
    string? From = null,
    string? Text = null,
    string? User = null,
    string? Detail = null,
    string? Role = null,
    bool Registered = false,
    string? Away = null,
    string? Owner = null,
    string? Identity = null,
    bool Queued = false,
    bool Notice = false,
    bool Answer = false,
    string? For = null)
{
    public const string Line = "line";
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Topic = "topic";
    /// <summary>Something other than a chat line was stored in the room (a file offer): read it from the database.</summary>
    public const string Stored = "stored";

    /// <summary>A stored direct message (<see cref="Room"/>: its recipient, <see cref="Seq"/>: its number in its conversation).</summary>
    public const string Direct = "direct";

    /// <summary>A user came online (<see cref="User"/>: its key, <see cref="From"/>: its name, <see cref="Detail"/>: its identity) or went offline.</summary>
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>A user went away (<see cref="Away"/>: its text) or came back (no text).</summary>
    public const string AwayChanged = "away";

    /// <summary>
    /// A client-to-client query or its answer, never stored (<see cref="From"/>: the sender's name,
    /// <see cref="User"/> and <see cref="Identity"/>: the recipient's key and identity, <see cref="Text"/>: the query).
    /// </summary>
    public const string Query = "query";

    /// <summary>A server started (<see cref="Node"/>): the others tell it which of their online guests are in which groups (<c>joined</c> for it only).</summary>
    public const string Started = "started";

    /// <summary>An admin shut the cluster down (<see cref="User"/>: who, <see cref="Detail"/>: why): every server stops.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>
    /// The envelope of a join, leave, kick or topic <paramref name="node"/> decided in <paramref name="room"/>
    /// (read under the ChatState lock); null for the events that are not published this way.
    /// </summary>
    public static ClusterEnvelope? Of(string node, Room room, RoomEvent e) => e switch
    {
        // A group's owner travels with its joins: a server that has not seen the group begins it with them.
        // A guest's joins and leaves name its identity: its name may be someone else's by the time they arrive.
        MemberJoined j => new(Joined, node, room.Name, room.Conversation, User: j.User, Detail: j.InvitedBy, Away: j.Away?.Text,
            Registered: room.RegisteredMembers.Contains(NameRules.Key(j.User)), Owner: room.IsPrivate ? room.Owner : null,
            Identity: room.GuestIdentities.GetValueOrDefault(NameRules.Key(j.User))),
        // A group's owner who leaves names its next owner: the others switch with the leave itself.
        // Its words (a part or quit message, a kick's reason) and the kicker travel with it.
        MemberLeft l => new(Left, node, room.Name, room.Conversation, From: l.By, Text: l.Text, User: l.User, Detail: l.Reason,
            Registered: room.RegisteredMembers.Contains(NameRules.Key(l.User)),
            Owner: room.IsPrivate && NameRules.Key(room.Owner) == NameRules.Key(l.User) ? room.NextOwner(NameRules.Key(l.User)) : null,
            Identity: room.GuestIdentities.GetValueOrDefault(NameRules.Key(l.User))),
        TopicChanged t => new(Topic, node, room.Name, room.Conversation, User: t.By, Detail: t.Topic),
        _ => null,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ClusterJson.Default.ClusterEnvelope);

    /// <summary>Null for anything that is not an envelope (another program on the channel): ignored, never trusted.</summary>
    public static ClusterEnvelope? Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ClusterJson.Default.ClusterEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ClusterEnvelope))]
internal sealed partial class ClusterJson : JsonSerializerContext;

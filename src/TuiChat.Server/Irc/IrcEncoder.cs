using System.Globalization;
using System.Text;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>
/// Encodes domain events as IRC lines (docs/IRC.md). Four instances, one per combination of the
/// tags a client negotiated (server-time, message-tags for msgid), each with its own cache slot:
/// a room line is encoded at most once per combination, whatever the number of IRC members.
/// </summary>
public sealed class IrcEncoder : IEventEncoder
{
    /// <summary>The server's name in prefixes and numerics.</summary>
    public const string ServerName = "tuichat";

    /// <summary>Bytes a line may have without its tags, CR LF included (RFC 1459).</summary>
    public const int MaxLineBytes = 512;

    private static readonly IrcEncoder[] Variants = [new(false, false), new(true, false), new(false, true), new(true, true)];

    private readonly bool _time;
    private readonly bool _msgId;

    private IrcEncoder(bool time, bool msgId)
    {
        _time = time;
        _msgId = msgId;
        Slot = 1 + (time ? 1 : 0) + (msgId ? 2 : 0);
    }

    public int Slot { get; }

    public static IrcEncoder For(bool serverTime, bool messageTags) => Variants[(serverTime ? 1 : 0) + (messageTags ? 2 : 0)];

    /// <summary>The <c>nick!user@host</c> source of a TuiChat user.</summary>
    public static string Source(string user)
    {
        string nick = IrcNames.ToNick(user);
        return $"{nick}!{nick}@{ServerName}";
    }

    public byte[] Encode(ChatEvent e)
    {
        if (e is MessagePosted m)
        {
            return EncodeText(m.Ts, m.MsgId, Source(m.From), m.Notice ? "NOTICE" : "PRIVMSG", Target(m.To, m.IsRoom), m.Text);
        }
        var sb = new StringBuilder(256);
        switch (e)
        {
            case MemberJoined j:
                Line(sb, Tags(null, 0), Source(j.User), "JOIN", IrcNames.ToChannel(j.Room));
                if (j.RoomAtJoin is { } room)
                {
                    // The joiner's own copy: its JOIN is followed by the topic and names, whatever caused it.
                    IrcChannelReplies.AfterJoin(new NumericLines(sb, IrcNames.ToNick(j.User)), room);
                }
                break;
            case MemberLeft { Reason: LeftReasons.Leave } l:
                Line(sb, "", Source(l.User), "PART", l.Text is null ? [IrcNames.ToChannel(l.Room)] : [IrcNames.ToChannel(l.Room), l.Text]);
                break;
            case MemberLeft { Reason: LeftReasons.Kick } l:
                // Without a reason the comment is the kicker's nick, as ircds do.
                Line(sb, "", l.By is null ? ServerName : Source(l.By), "KICK", IrcNames.ToChannel(l.Room), IrcNames.ToNick(l.User),
                    l.Text ?? (l.By is null ? "removed by the group's owner" : IrcNames.ToNick(l.By)));
                break;
            case MemberLeft l:
                Line(sb, "", Source(l.User), "QUIT", l.Text ?? l.Reason);
                break;
            case TopicChanged t:
                Line(sb, "", Source(t.By), "TOPIC", IrcNames.ToChannel(t.Room), t.Topic);
                break;
            case InvitedToGroup i:
                Line(sb, "", Source(i.By), "INVITE", IrcNames.ToNick(i.Invitee), IrcNames.ToChannel(i.Room));
                break;
            case FileOffered f:
                AppendText(sb, f.File.Ts, 0, Source(f.File.From), "NOTICE", Target(f.File.To, Protocol.NameRules.IsRoomName(f.File.To)),
                    $"[file] {f.File.Name} ({f.File.Size} bytes) - IRC cannot fetch it; in the TuiChat client: /save {f.File.FileId}");
                break;
            case SessionEnded s:
                Line(sb, "", null, "ERROR", $"Closing link: {s.Reason} ({s.By}{(s.Detail.Length > 0 ? ": " + s.Detail : "")})");
                break;
            case PresenceChanged:
                // IRC has no presence push without MONITOR; room mates see JOIN and QUIT.
                return [];
            case ReadMoved:
                // draft/read-marker speaks in timestamps and is not offered: an IRC client keeps its own marks.
                return [];
            case ClientQuery q:
                // As the sending client wrote it (a CTCP request or reply is one line).
                Line(sb, "", Source(q.From), q.Answer ? "NOTICE" : "PRIVMSG", IrcNames.ToNick(q.To), q.Text);
                break;
            case AwayChanged a:
                // Sent only to clients that negotiated away-notify (IrcConnection.Send filters).
                Line(sb, "", Source(a.User), "AWAY", a.Text is null ? [] : [a.Text]);
                break;
            default:
                throw new ArgumentException($"no IRC line for {e.GetType().Name}", nameof(e));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Target(string to, bool isRoom) => isRoom ? IrcNames.ToChannel(to) : IrcNames.ToNick(to);

    private string Tags(DateTimeOffset? ts, long msgId) =>
        (_time && ts is not null, _msgId && msgId > 0) switch
        {
            (true, true) => string.Create(CultureInfo.InvariantCulture, $"@time={IrcFormat.Time(ts!.Value)};msgid={msgId} "),
            (true, false) => $"@time={IrcFormat.Time(ts!.Value)} ",
            (false, true) => string.Create(CultureInfo.InvariantCulture, $"@msgid={msgId} "),
            _ => "",
        };

    /// <summary>
    /// A chat line's PRIVMSG/NOTICE lines (<see cref="AppendText"/>). A line that is one IRC line,
    /// as nearly every line is, is written straight into its bytes: it is encoded once for every
    /// IRC member of a room, and the builder, its string and the split were most of what that allocated.
    /// </summary>
    private byte[] EncodeText(DateTimeOffset? ts, long msgId, string source, string command, string target, string text)
    {
        if (IrcText.IsOneIrcLine(text, TextRoom(source, command, target)))
        {
            return Utf8Concat(Tags(ts, msgId), ":", source, " ", command, " ", target, " :", text, "\r\n");
        }
        var sb = new StringBuilder(256);
        AppendText(sb, ts, msgId, source, command, target, text);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The UTF-8 bytes of the parts, one after the other.</summary>
    private static byte[] Utf8Concat(params ReadOnlySpan<string> parts)
    {
        int length = 0;
        foreach (string part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }
        var bytes = new byte[length];
        int at = 0;
        foreach (string part in parts)
        {
            at += Encoding.UTF8.GetBytes(part, bytes.AsSpan(at));
        }
        return bytes;
    }

    /// <summary>The bytes left for the text in a line ":source command target :text" CR LF of at most 512.</summary>
    private static int TextRoom(string source, string command, string target) =>
        MaxLineBytes - 2 - (1 + Encoding.UTF8.GetByteCount(source) + 1 + command.Length + 1 + Encoding.UTF8.GetByteCount(target) + 2);

    /// <summary>
    /// Appends a PRIVMSG/NOTICE for every line of <paramref name="text"/>, each cut to fit 512 bytes.
    /// Each has the time; the msgid is the first one's only, as a msgid names one IRC message
    /// (message-tags): a client that de-duplicates by msgid would keep only the first.
    /// </summary>
    private void AppendText(StringBuilder sb, DateTimeOffset? ts, long msgId, string source, string command, string target, string text)
    {
        int room = TextRoom(source, command, target);
        string tags = Tags(ts, msgId);
        int pieces = 0;
        foreach (string piece in IrcText.ToIrcLines(text, room))
        {
            if (pieces++ == 1 && msgId != 0)
            {
                tags = Tags(ts, 0);
            }
            sb.Append(tags).Append(':').Append(source).Append(' ').Append(command).Append(' ').Append(target).Append(" :").Append(piece).Append("\r\n");
        }
    }

    /// <summary>Numerics to the recipient, appended to an event's lines.</summary>
    private sealed class NumericLines(StringBuilder sb, string nick) : IIrcNumerics
    {
        public void Numeric(string code, params string[] args)
        {
            IrcFormat.AppendNumeric(sb, nick, code, args);
            sb.Append("\r\n");
        }
    }

    private static void Line(StringBuilder sb, string tags, string? source, string command, params string[] args)
    {
        sb.Append(tags);
        if (source is not null)
        {
            sb.Append(':').Append(source).Append(' ');
        }
        sb.Append(command);
        IrcFormat.AppendParams(sb, args);
        sb.Append("\r\n");
    }
}

using System.Text;

namespace TuiChat.Server.Irc;

/// <summary>
/// The lines answering one IRC command, owned by the connection (ergo's ResponseBuffer is the
/// model). When the command carried a <c>label</c> and the client enabled labeled-response, a
/// single line gets the label tag, several are wrapped in a <c>labeled-response</c> batch, and
/// none becomes an <c>ACK</c>. Replies go out in one piece when the command has been handled.
/// Events the command causes for its own client (the JOIN echo, an echoed PRIVMSG) join the
/// replies when the command is labelled (<see cref="Event"/>), so they carry the label too.
/// </summary>
public sealed class IrcReplies : IIrcNumerics
{
    /// <summary>A reply line, or an event to encode when the replies are taken (never inside the ChatState lock).</summary>
    private readonly List<(string? Line, Chat.ChatEvent? Event)> _lines = [];
    private string? _label;
    private string _nick = "*";
    private int _batches;

    /// <summary>Starts a command's replies; <paramref name="nick"/> is the target of numerics ("*" before registration).</summary>
    public void Begin(string? label, string nick)
    {
        _label = label;
        _nick = nick;
        _lines.Clear();
    }

    /// <summary>A numeric to the client: <c>:server NNN nick args...</c>.</summary>
    public void Numeric(string code, params string[] args)
    {
        var sb = new StringBuilder();
        IrcFormat.AppendNumeric(sb, _nick, code, args);
        _lines.Add((sb.ToString(), null));
    }

    /// <summary>A line with an explicit source and command (CAP, PONG, FAIL, BATCH, history lines).</summary>
    public void Line(string? tags, string? source, string command, params string[] args)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(tags))
        {
            sb.Append('@').Append(tags).Append(' ');
        }
        if (source is not null)
        {
            sb.Append(':').Append(source).Append(' ');
        }
        sb.Append(command);
        IrcFormat.AppendParams(sb, args);
        _lines.Add((sb.ToString(), null));
    }

    /// <summary>True while the replies answer a labelled command: the events it causes belong with them.</summary>
    public bool Labeled => _label is not null;

    /// <summary>An event caused by the command, in its place among the replies; encoded by <see cref="Take"/>.</summary>
    public void Event(Chat.ChatEvent e) => _lines.Add((null, e));

    /// <summary>A line from the server itself.</summary>
    public void ServerLine(string command, params string[] args) => Line(null, IrcEncoder.ServerName, command, args);

    /// <summary>Already-encoded lines (history), each ending in CR LF; <paramref name="tag"/> is added to each when given.</summary>
    public void Raw(string lines, string? tag)
    {
        foreach (string line in lines.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (tag is null)
            {
                _lines.Add((line, null));
            }
            else
            {
                var sb = new StringBuilder();
                AppendTagged(sb, tag, line);
                _lines.Add((sb.ToString(0, sb.Length - 2), null));
            }
        }
    }

    /// <summary>A fresh batch reference for this connection.</summary>
    public string NewBatchId() => "b" + (++_batches).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bytes to send, labelled as the client asked, events encoded with <paramref name="encoder"/>; empty when there is nothing to send.</summary>
    public byte[] Take(bool labeledResponse, Chat.IEventEncoder encoder)
    {
        List<string> lines = Lines(encoder);
        var sb = new StringBuilder();
        if (labeledResponse && _label is not null)
        {
            string label = "label=" + EscapeTag(_label);
            if (lines.Count == 0)
            {
                sb.Append('@').Append(label).Append(" :").Append(IrcEncoder.ServerName).Append(" ACK\r\n");
            }
            else if (lines.Count == 1)
            {
                AppendTagged(sb, label, lines[0]);
            }
            else
            {
                string id = NewBatchId();
                sb.Append('@').Append(label).Append(" :").Append(IrcEncoder.ServerName).Append(" BATCH +").Append(id).Append(" labeled-response\r\n");
                foreach (string line in lines)
                {
                    AppendTagged(sb, "batch=" + id, line);
                }
                sb.Append(':').Append(IrcEncoder.ServerName).Append(" BATCH -").Append(id).Append("\r\n");
            }
        }
        else
        {
            foreach (string line in lines)
            {
                sb.Append(line).Append("\r\n");
            }
        }
        _lines.Clear();
        // A command answers its label once; later flushes of the same command go out unlabelled.
        _label = null;
        return sb.Length == 0 ? [] : Encoding.UTF8.GetBytes(sb.ToString());
    }

    private List<string> Lines(Chat.IEventEncoder encoder)
    {
        var lines = new List<string>(_lines.Count);
        foreach ((string? line, Chat.ChatEvent? e) in _lines)
        {
            if (line is not null)
            {
                lines.Add(line);
                continue;
            }
            // One event may be several lines (a multi-line message) or none (an event IRC does not show).
            lines.AddRange(Encoding.UTF8.GetString(e!.EncodedFor(encoder)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        }
        return lines;
    }

    /// <summary>Adds <paramref name="tag"/> to a line that may already have tags.</summary>
    private static void AppendTagged(StringBuilder sb, string tag, string line)
    {
        if (line.StartsWith('@'))
        {
            sb.Append('@').Append(tag).Append(';').Append(line, 1, line.Length - 1).Append("\r\n");
        }
        else
        {
            sb.Append('@').Append(tag).Append(' ').Append(line).Append("\r\n");
        }
    }

    private static string EscapeTag(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\:").Replace(" ", "\\s").Replace("\r", "\\r").Replace("\n", "\\n");
}

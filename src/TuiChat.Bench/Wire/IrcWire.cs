using System.Text;

namespace TuiChat.Bench.Wire;

/// <summary>
/// IRC (RFC 2812), enough for the comparison run: NICK/USER and wait for 001, JOIN and wait for
/// the end of NAMES (366), PRIVMSG to the channel, PING/PONG. The server does not echo a
/// PRIVMSG to its sender.
/// </summary>
internal sealed class IrcWire : IWire
{
    public string Name => "irc";

    public bool EchoesToSender => false;

    public int Scan(ReadOnlySpan<byte> data, IReceiveSink sink, out int needed) =>
        IrcScanner.Scan(data, sink, out needed);

    public byte[] Login(string user) => Encoding.ASCII.GetBytes($"NICK {user}\r\nUSER {user} 0 * :tuichat-bench\r\n");

    public byte[] Join(string room) => Encoding.ASCII.GetBytes($"JOIN {room}\r\n");

    public byte[] Pong(ReadOnlySpan<byte> ping)
    {
        // "PING :token" -> "PONG :token"; a prefixed PING is answered with the same arguments.
        int args = ping.IndexOf("PING"u8) + 4;
        byte[] pong = new byte[4 + (ping.Length - args) + 2];
        "PONG"u8.CopyTo(pong);
        ping.Slice(args).CopyTo(pong.AsSpan(4));
        "\r\n"u8.CopyTo(pong.AsSpan(pong.Length - 2));
        return pong;
    }

    public ControlKind Classify(ReadOnlySpan<byte> unit)
    {
        ReadOnlySpan<byte> command = CommandOf(unit);
        if (command.SequenceEqual("PING"u8))
        {
            return ControlKind.Ping;
        }
        if (command.SequenceEqual("ERROR"u8))
        {
            return ControlKind.Error;
        }
        if (command.Length != 3 || !char.IsAsciiDigit((char)command[0]))
        {
            return ControlKind.Other;
        }
        return (command[0], command[1], command[2]) switch
        {
            ((byte)'0', (byte)'0', (byte)'1') => ControlKind.LoggedIn,
            ((byte)'3', (byte)'6', (byte)'6') => ControlKind.Joined,
            // ERR_ERRONEUSNICKNAME, ERR_NICKNAMEINUSE, ERR_NICKCOLLISION, ERR_ALREADYREGISTRED.
            ((byte)'4', (byte)'3', _) or ((byte)'4', (byte)'6', (byte)'2') => ControlKind.LoginFailed,
            // ERR_NOSUCHCHANNEL, ERR_TOOMANYCHANNELS, ERR_CHANNELISFULL .. ERR_BADCHANMASK.
            ((byte)'4', (byte)'0', (byte)'3') or ((byte)'4', (byte)'0', (byte)'5') or ((byte)'4', (byte)'7', _) => ControlKind.JoinFailed,
            // ERR_NOMOTD is part of a normal welcome on a server without a message of the day.
            ((byte)'4', (byte)'2', (byte)'2') => ControlKind.Other,
            ((byte)'4' or (byte)'5', _, _) => ControlKind.Error,
            _ => ControlKind.Other,
        };
    }

    public MessageTemplate Message(string room, int textBytes)
    {
        string prefix = $"PRIVMSG {room} :";
        byte[] line = Encoding.ASCII.GetBytes(prefix + new string('x', textBytes) + "\r\n");
        return new MessageTemplate(line, prefix.Length);
    }

    /// <summary>The command word of a line: after the optional <c>:prefix</c>, up to the next space.</summary>
    private static ReadOnlySpan<byte> CommandOf(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[0] == (byte)':')
        {
            int space = line.IndexOf((byte)' ');
            line = space < 0 ? [] : line.Slice(space + 1);
        }
        int end = line.IndexOf((byte)' ');
        return end < 0 ? line : line[..end];
    }
}

using BenchmarkDotNet.Attributes;
using TuiChat.Server.Chat;
using TuiChat.Server.Irc;

namespace TuiChat.Server.Bench;

/// <summary>
/// The IRC door's work per chat line: encoding a room line once for every IRC member of the room
/// (each of the four tag combinations has its own encoding), and reading a client's PRIVMSG into a
/// command and its targets. Allocation per operation is the figure to watch: the fan-out rows
/// pay for it in collections, and unlike the time it does not move with other load on the machine.
/// </summary>
[MemoryDiagnoser]
public class IrcWireBenchmarks
{
    /// <summary>The bench's line: its 29-character marker padded to 64 bytes.</summary>
    private const string Text = "B0003000012340000a1b2c3d4e5f6xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    private static readonly DateTimeOffset Ts = new(2026, 12, 2, 16, 0, 0, TimeSpan.Zero);

    private readonly IrcEncoder _plain = IrcEncoder.For(serverTime: false, messageTags: false);
    private readonly IrcEncoder _tagged = IrcEncoder.For(serverTime: true, messageTags: true);
    private readonly MessagePosted _line = new(123_456, Ts, "m1s0003", "#m1", Text, isRoom: true, seq: 42);

    [Benchmark]
    public byte[] EncodeRoomLine() => _plain.Encode(_line);

    [Benchmark]
    public byte[] EncodeRoomLineWithTags() => _tagged.Encode(_line);

    [Benchmark]
    public int ParsePrivmsg()
    {
        IrcMessage message = IrcMessage.Parse("PRIVMSG #m1 :" + Text)!;
        return IrcTargets.Parse(message.Param(0), 4, out _).Count;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Menu;

/// <summary>Lines typed faster than the server's rate limit still arrive in the order typed, and the sender is told it was slowed.</summary>
public sealed class OrderedSendingTests
{
    private const int Lines = 30;

    [Fact]
    public async Task ThirtyLinesAtFullSpeed_AgainstTheDefaultRateLimit_ArriveInOrderAtAWatcher()
    {
        using RealServer server = await RealServer.StartAsync(requestsPerSecond: ProtocolLimits.DefaultRatePerSecond);
        await using ChatConnection alice = server.Connection("alice");
        await SendThirtyLinesAsync(server, alice);
    }

    [Fact]
    public async Task ThirtyLinesAtFullSpeed_OverTheLimit_AreHeldInOrder_AndTheSenderIsToldItWasSlowed()
    {
        // One request a second after a burst of 20: the 30 lines outrun it as long as a round trip
        // takes under a third of a second. (Whether a sender outruns the default 10 a second
        // depends on the machine's speed: under 0.1 s a round trip.)
        using RealServer server = await RealServer.StartAsync(requestsPerSecond: 1);
        await using ChatConnection alice = server.Connection("alice");
        var slowed = new ConcurrentQueue<bool>();
        alice.StatusChanged += (_, status) => slowed.Enqueue(status.SlowedDown);
        await SendThirtyLinesAsync(server, alice);

        // 30 lines exceed the burst of 20: the server did slow the sender down, and it was told.
        Assert.Contains(true, slowed);
        Assert.False(alice.Status.SlowedDown);
    }

    /// <summary>Connects alice and sends 30 lines without waiting between them; checks the watcher saw them in order, and the msgIds.</summary>
    private static async Task SendThirtyLinesAsync(RealServer server, ChatConnection alice)
    {
        await using ChatConnection watcher = server.Connection("watcher");
        var seen = new ConcurrentQueue<string>();
        watcher.EventReceived += (_, e) =>
        {
            if (e is ChatMessage { From: "alice", To: "#general" } message)
            {
                seen.Enqueue(message.Text);
            }
        };
        await watcher.ConnectAsync();
        await alice.ConnectAsync();

        string[] typed = Enumerable.Range(1, Lines).Select(i => "line " + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        MsgOk[] oks = await Task.WhenAll(typed.Select(text => alice.SendMessageAsync("#general", text))).WaitAsync(TimeSpan.FromSeconds(60));

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (seen.Count < Lines && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(typed, seen);
        Assert.Equal(oks.Select(ok => ok.MsgId).Order(), oks.Select(ok => ok.MsgId));
    }
}

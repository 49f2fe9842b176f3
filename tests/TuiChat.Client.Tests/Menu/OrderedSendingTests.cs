using System.Collections.Concurrent;
using System.Globalization;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Menu;

/// <summary>Lines typed faster than the server's default rate limit still arrive in the order typed.</summary>
public sealed class OrderedSendingTests
{
    private const int Lines = 30;

    [Fact]
    public async Task ThirtyLinesAtFullSpeed_AgainstARateLimit_ArriveInOrderAtAWatcher()
    {
        // One request a second after a burst of 20: the 30 lines outrun it as long as a round trip
        // takes under a third of a second. (At the default 10 a second a round trip had to take
        // under 0.1 s, which a loaded test machine did not always manage: nothing was slowed.)
        using RealServer server = await RealServer.StartAsync(requestsPerSecond: 1);
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
        await using ChatConnection alice = server.Connection("alice");
        var slowed = new ConcurrentQueue<bool>();
        alice.StatusChanged += (_, status) => slowed.Enqueue(status.SlowedDown);
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
        // 30 lines exceed the burst of 20: the server did slow the sender down, and it was told.
        Assert.Contains(true, slowed);
        Assert.False(alice.Status.SlowedDown);
    }
}

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
    public async Task ThirtyLinesAtFullSpeed_AgainstTheDefaultRateLimit_ArriveInOrderAtAWatcher()
    {
        using RealServer server = await RealServer.StartAsync(rateLimited: true);
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

using System.Net;
using TuiChat.Bench.Wire;

namespace TuiChat.Bench.Tests;

/// <summary>
/// A few seconds of real load against an in-process server on loopback: the same code path as
/// tuichat-bench. Asserts only what must always hold (nothing lost, nobody dropped), never
/// performance figures, which depend on the machine.
/// </summary>
public sealed class QuickBenchRunTests
{
    private static BenchPlan Plan(InProcessServer server, int senders, int messages, double rate = 0) => new()
    {
        Wire = new TuiChatWire(),
        Servers = [new IPEndPoint(IPAddress.Loopback, server.Port)],
        Clients = 20,
        Senders = senders,
        Messages = messages,
        Rate = rate,
        Window = 64,
        Timeout = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task FullSpeedFanOut_DeliversEveryMessageToEveryMember()
    {
        await using var server = new InProcessServer();

        BenchResult result = await new BenchRunner(Plan(server, senders: 4, messages: 200), progress: null).RunAsync(CancellationToken.None);

        Assert.Equal(4 * 200, result.Sent);
        Assert.Equal(4 * 200 * 20, result.Expected);
        Assert.Equal(result.Expected, result.Received);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Dropped);
        Assert.Equal(0, result.Errors);
        Assert.True(result.LatencyMaxMs >= result.LatencyP99Ms && result.LatencyP99Ms >= result.LatencyP50Ms);
    }

    [Fact]
    public async Task PacedRun_DeliversEveryMessage()
    {
        await using var server = new InProcessServer();

        BenchResult result = await new BenchRunner(Plan(server, senders: 4, messages: 25, rate: 200), progress: null).RunAsync(CancellationToken.None);

        Assert.Equal(4 * 25 * 20, result.Received);
        Assert.True(result.Clean);
    }

    [Fact]
    public async Task IdleRun_ConnectsEveryoneAndDropsNobody()
    {
        await using var server = new InProcessServer();
        BenchPlan plan = Plan(server, senders: 0, messages: 0) with { Idle = true, Clients = 50, Hold = TimeSpan.Zero, ConnectParallel = 10 };

        BenchResult result = await new BenchRunner(plan, progress: null).RunAsync(CancellationToken.None);

        Assert.Equal(50, result.Clients);
        Assert.Equal(0, result.Dropped);
        Assert.True(result.Clean);
    }

    [Fact]
    public async Task IdleRunOverFiveRooms_EveryClientJoinsItsRoom()
    {
        await using var server = new InProcessServer();
        BenchPlan plan = Plan(server, senders: 0, messages: 0) with { Idle = true, Clients = 30, Rooms = 5, Hold = TimeSpan.Zero, ConnectParallel = 10 };

        // A client is ready only once the server confirmed its join: a refused or missing join fails the run.
        BenchResult result = await new BenchRunner(plan, progress: null).RunAsync(CancellationToken.None);

        Assert.Equal(30, result.Clients);
        Assert.True(result.Clean);
    }
}

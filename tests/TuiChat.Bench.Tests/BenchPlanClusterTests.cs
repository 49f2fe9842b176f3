using TuiChat.Cli;

namespace TuiChat.Bench.Tests;

/// <summary>--port and --server-pid with several values: a run against the nodes of a cluster.</summary>
public sealed class BenchPlanClusterTests
{
    private static BenchPlan Parse(params string[] args)
    {
        Assert.True(CommandLineRunner.TryParse(args, TextWriter.Null, TextWriter.Null, out BenchOptions? options, out _));
        Assert.True(BenchPlan.TryCreate(options!, out BenchPlan? plan, out string error), error);
        return plan!;
    }

    [Fact]
    public void SeveralPorts_SpreadTheClientsRoundRobin_SendersIncluded()
    {
        BenchPlan plan = Parse("--port", "5100,5101,5102", "--server-pid", "11,12,13", "--clients", "30", "--senders", "6");

        Assert.Equal([5100, 5101, 5102], plan.Servers.Select(s => s.Port));
        Assert.Equal([5100, 5101, 5102, 5100, 5101, 5102], Enumerable.Range(0, 6).Select(i => plan.ServerFor(i).Port));
        Assert.Equal(5102, plan.ServerFor(29).Port);
        Assert.Equal([11, 12, 13], plan.ServerPids);
    }

    [Fact]
    public void OnePortOrNone_IsOneServer_AsBefore()
    {
        Assert.Equal([5000], Parse().Servers.Select(s => s.Port));
        Assert.Empty(Parse().ServerPids);
        BenchPlan one = Parse("--port", "6000", "--server-pid", "42");
        Assert.Equal(6000, one.ServerFor(17).Port);
        Assert.Equal([42], one.ServerPids);
    }

    [Fact]
    public void ABadPortInTheList_IsRefused()
    {
        Assert.True(CommandLineRunner.TryParse(["--port", "5000,70000"], TextWriter.Null, TextWriter.Null, out BenchOptions? options, out _));
        Assert.False(BenchPlan.TryCreate(options!, out _, out string error));
        Assert.Equal("--port must be 1-65535", error);
    }

    [Fact]
    public void TheProbe_SumsItsProcesses_AndHasNoFigureWhenOneIsUnknown()
    {
        int self = Environment.ProcessId;

        Assert.NotNull(new ProcessProbe([self]).RssKiB());
        Assert.Null(new ProcessProbe([self, int.MaxValue]).RssKiB());
        Assert.Null(new ProcessProbe([]).CpuSeconds());
        long one = new ProcessProbe([self]).PeakRssKiB()!.Value;
        // A peak never falls: the same process read twice sums to at least twice the first reading.
        Assert.True(new ProcessProbe([self, self]).PeakRssKiB() >= 2 * one);
    }
}

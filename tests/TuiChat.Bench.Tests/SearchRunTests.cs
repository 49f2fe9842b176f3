using System.Net;
using TuiChat.Bench.Search;

namespace TuiChat.Bench.Tests;

/// <summary>The search benchmark against an in-process server: the same code path as <c>tuichat-bench --search</c>; no timing asserted.</summary>
public sealed class SearchRunTests
{
    [Fact]
    public async Task ASmallSearchRun_StoresEveryLine_AndFindsWhatEachSearcherMayRead()
    {
        await using var server = new InProcessServer();
        var plan = new SearchPlan(new IPEndPoint(IPAddress.Loopback, server.Port), Stored: 2000, Searches: 2, UserPrefix: "sb");

        SearchBenchResult result = await new SearchRun(plan, progress: null).RunAsync(CancellationToken.None);

        Assert.Equal(2000, result.Stored);
        SearchQueryResult elsewhereForOne = result.Queries.Single(q => q.Searcher == "in 1 room" && q.Q == SearchRun.ElsewhereWord);
        SearchQueryResult elsewhereForAll = result.Queries.Single(q => q.Searcher == "in 10 rooms" && q.Q == SearchRun.ElsewhereWord);
        Assert.Equal(0, elsewhereForOne.Results); // never a line of a room it is not in
        Assert.True(elsewhereForAll.Results > 0);
        Assert.Equal(20, result.Queries.First(q => q.Query == "common word").Results);
    }

    [Fact]
    public async Task BadSearchOptions_AreRefusedWithExitCode2()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int code = await SearchMain.RunAsync(new BenchOptions { Search = true, Stored = 3 }, output, errors);

        Assert.Equal(2, code);
        Assert.Contains("--stored must be at least 10", errors.ToString(), StringComparison.Ordinal);
    }
}

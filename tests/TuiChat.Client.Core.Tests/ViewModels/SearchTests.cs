using NSubstitute;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>/search shows the server's results as notices in the selected conversation, and /search more pages back with before.</summary>
public sealed class SearchTests : IDisposable
{
    private readonly ChatFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static SearchResult Result(string room, string kind, long id, string from, string text) =>
        new() { Room = room, Kind = kind, MsgId = id, Ts = ChatFixture.Ts, From = from, Text = text };

    private string[] Notices() => _f.Added.Select(a => a.Line.Text).ToArray();

    [Fact]
    public async Task Search_ShowsResultsNewestFirstWithConversationTimeAndSender_ThenMorePagesBack()
    {
        var general = _f.Joined("#general");
        _f.Server.SearchAsync("café", null, null, Arg.Any<CancellationToken>()).Returns(Task.FromResult(new SearchOk
        {
            Re = "1", More = true, Results = [Result("#games", "room", 90, "bob", "a café?"), Result("bob", "direct", 70, "bob", "café later")],
        }));
        _f.Server.SearchAsync("café", 70, null, Arg.Any<CancellationToken>()).Returns(Task.FromResult(new SearchOk
        {
            Re = "1", Results = [Result("+team", "group", 12, "carol", "old café")],
        }));

        await _f.Chat.ExecuteAsync("/search café");
        Assert.Equal(
        [
            "search \"café\": 2 results, newest first",
            "#games 2026-11-22 09:30 bob: a café?",
            "@bob 2026-11-22 09:30 bob: café later",
            "older results: /search more",
        ], Notices().TakeLast(4));
        Assert.Contains(general.Lines, l => l.Text == "#games 2026-11-22 09:30 bob: a café?");

        await _f.Chat.ExecuteAsync("/search more");
        Assert.Equal(["search \"café\": 1 result, newest first", "+team 2026-11-22 09:30 carol: old café"], Notices().TakeLast(2));

        // The last page had no more: another "more" explains instead of asking again.
        await _f.Chat.ExecuteAsync("/search more");
        Assert.Equal("error: nothing more: /search words first", Notices()[^1]);
        await _f.Server.ReceivedWithAnyArgs(2).SearchAsync(default!, default, default, default);
    }

    [Fact]
    public async Task Search_NothingFound_SaysSo()
    {
        _f.Joined("#general");
        _f.Server.SearchAsync("zebra", null, null, Arg.Any<CancellationToken>())
            .Returns(Task.FromResult(new SearchOk { Re = "1", Results = [] }));
        await _f.Chat.ExecuteAsync("/search zebra");
        Assert.Equal("search \"zebra\": nothing found", Notices()[^1]);
    }
}

using NSubstitute;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
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

    private static Task<IReadOnlyList<ChatMessage>> Page(string room, long from, long to) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>(
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(id => ChatFixture.Msg(id, "bob", room, "m" + id)).ToArray());

    [Fact]
    public async Task Search_HandsTheResultsToTheScreen_WithWhereEachOpens()
    {
        _f.Joined("#general");
        IReadOnlyList<SearchHit>? shown = null;
        _f.Chat.SearchResultsShown += (_, hits) => shown = hits;
        _f.Server.SearchAsync("café", null, null, Arg.Any<CancellationToken>()).Returns(Task.FromResult(new SearchOk
        {
            Re = "1", Results = [Result("#games", "room", 90, "bob", "a café?"), Result("bob", "direct", 70, "bob", "café later"), Result("+team", "group", 12, "carol", "old café")],
        }));

        await _f.Chat.ExecuteAsync("/search café");

        Assert.Equal(
        [
            new SearchHit("#games", ConversationKind.Room, 90, "#games 2026-11-22 09:30 bob: a café?"),
            new SearchHit("bob", ConversationKind.Direct, 70, "@bob 2026-11-22 09:30 bob: café later"),
            new SearchHit("+team", ConversationKind.Group, 12, "+team 2026-11-22 09:30 carol: old café"),
        ], shown);
    }

    [Fact]
    public async Task OpenHit_NotLoaded_PagesHistoryBackToTheMessage_ThenBringsItIntoView()
    {
        _f.Joined("#general");
        _f.Server.GetHistoryAsync("#games", null, 200, Arg.Any<CancellationToken>()).Returns(Page("#games", 801, 1000));
        _f.Server.GetHistoryAsync("#games", 801, 200, Arg.Any<CancellationToken>()).Returns(Page("#games", 601, 800));
        var requested = new List<long>();

        await _f.Chat.OpenSearchHitAsync(new SearchHit("#games", ConversationKind.Room, 700, "#games … bob: m700"));

        ConversationViewModel games = _f.Conversation("#games");
        Assert.Same(games, _f.Chat.Selected);
        // One unbroken stretch from the message to the newest, in order.
        Assert.Equal(Enumerable.Range(601, 400).Select(i => "m" + i), ChatFixture.Texts(games));
        Assert.True(games.HasOlderHistory);
        await _f.Server.Received(2).GetHistoryAsync("#games", Arg.Any<long?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());

        games.ShowMessageRequested += (_, id) => requested.Add(id);
        await _f.Chat.OpenSearchHitAsync(new SearchHit("#games", ConversationKind.Room, 650, "#games … bob: m650"));
        // Loaded already: shown without asking the server again.
        Assert.Equal([650], requested);
        await _f.Server.Received(2).GetHistoryAsync("#games", Arg.Any<long?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task OpenHit_FurtherBackThanTheJumpLimit_SaysSoAndShowsWhatItFetched()
    {
        _f.Joined("#general");
        long newest = 100_000;
        _f.Server.GetHistoryAsync("#games", Arg.Any<long?>(), 200, Arg.Any<CancellationToken>()).Returns(ci =>
        {
            long before = ci.ArgAt<long?>(1) ?? newest + 1;
            return Page("#games", before - 200, before - 1);
        });

        await _f.Chat.OpenSearchHitAsync(new SearchHit("#games", ConversationKind.Room, 5, "#games … bob: m5"));

        // As far back as the log keeps lines (2,000 by default), no further: older ones would be dropped at once.
        await _f.Server.Received(10).GetHistoryAsync("#games", Arg.Any<long?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
        Assert.Equal("that message is more than 2000 messages back: PageUp loads older lines", Notices()[^1]);
        Assert.Equal("m100000", ChatFixture.Texts(_f.Conversation("#games"))[^1]);
    }

    [Fact]
    public void CtrlR_PutsSearchBeforeWhatTheInputHolds()
    {
        _f.Chat.Input.StartSearch();
        Assert.Equal("/search ", _f.Chat.Input.Text);
        _f.Chat.Input.StartSearch();
        Assert.Equal("/search ", _f.Chat.Input.Text);

        _f.Chat.Input.Text = "  café com leite";
        _f.Chat.Input.StartSearch();
        Assert.Equal("/search café com leite", _f.Chat.Input.Text);
        Assert.Equal(_f.Chat.Input.Text.Length, _f.Chat.Input.Buffer.Cursor);
    }
}

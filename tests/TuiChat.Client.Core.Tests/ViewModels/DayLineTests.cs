using System.Globalization;
using NSubstitute;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>
/// A day-change line between two lines of different local days (in the user's time zone, spelled in
/// the user's culture), live and in loaded history; times stay "HH:mm".
/// </summary>
public sealed class DayLineTests : IDisposable
{
    /// <summary>Ten hours east of UTC: 13:30Z is 23:30 there, 14:30Z already the next day.</summary>
    private static readonly TimeZoneInfo PlusTen = TimeZoneInfo.CreateCustomTimeZone("test+10", TimeSpan.FromHours(10), "test+10", "test+10");

    private readonly ChatFixture _f;

    public DayLineTests()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 30, 14, 40, 0, TimeSpan.Zero), PlusTen);
        _f = new ChatFixture(configure: s => s with { Time = clock, Culture = CultureInfo.GetCultureInfo("pt-PT"), HistoryPageSize = 3 });
    }

    public void Dispose() => _f.Dispose();

    private static ChatMessage At(long id, string utc, string text) =>
        new() { MsgId = id, Ts = utc, From = "bob", To = "#games", Text = text };

    private static string[] Rendered(ConversationViewModel conversation) =>
        Enumerable.Range(0, conversation.Lines.Count)
            .SelectMany(i => conversation.RulesAbove(i).Select(r => "── " + r.Text).Append(conversation.Lines[i].Display))
            .ToArray();

    [Fact]
    public void LiveLinesAcrossLocalMidnight_GetTheDayLine_InTheCulturesLongDate()
    {
        ConversationViewModel games = _f.Joined("#games");
        games.Lines.Clear(); // the "you joined" notice, stamped at the clock's time (the next day there)
        _f.Raise(At(1, "2026-11-30T13:00:00.000Z", "late"));
        _f.Raise(At(2, "2026-11-30T13:30:00.000Z", "later"));
        _f.Raise(At(3, "2026-11-30T14:30:00.000Z", "after midnight"));

        Assert.Equal(
        [
            "23:00 bob: late",
            "23:30 bob: later",
            "── terça-feira, 1 de dezembro de 2026",
            "00:30 bob: after midnight",
        ], Rendered(games));
    }

    [Fact]
    public async Task LoadedHistory_GetsDayLinesBetweenItsDays_AndAnOlderPageAboveGetsOneToo()
    {
        _f.Server.GetHistoryAsync("#games", null, Arg.Any<int?>(), Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<ChatMessage>>(
        [
            At(10, "2026-11-29T09:00:00.000Z", "sunday"),
            At(11, "2026-11-30T09:00:00.000Z", "monday"),
            At(12, "2026-11-30T10:00:00.000Z", "monday again"),
        ]));
        _f.Server.GetHistoryAsync("#games", 10, Arg.Any<int?>(), Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<ChatMessage>>(
        [
            At(5, "2026-11-28T09:00:00.000Z", "saturday"),
        ]));
        ConversationViewModel games = _f.Joined("#games");
        _f.Chat.Select(games);
        Assert.Equal(
        [
            "19:00 bob: sunday",
            "── segunda-feira, 30 de novembro de 2026",
            "19:00 bob: monday",
            "20:00 bob: monday again",
            // The history went above the "you joined" notice, stamped now: the next day there.
            "── terça-feira, 1 de dezembro de 2026",
            "00:40 * you joined #games",
        ], Rendered(games));

        await _f.Chat.LoadOlderAsync(games);

        Assert.Equal(["19:00 bob: saturday", "── domingo, 29 de novembro de 2026", "19:00 bob: sunday"], Rendered(games).Take(3));
    }

    [Fact]
    public void SameLocalDay_AcrossUtcMidnight_HasNoDayLine()
    {
        ConversationViewModel games = _f.Joined("#games");
        games.Lines.Clear();
        // 23:30Z and 00:30Z are 09:30 and 10:30 on the same day ten hours east.
        _f.Raise(At(1, "2026-11-29T23:30:00.000Z", "one"));
        _f.Raise(At(2, "2026-11-30T00:30:00.000Z", "two"));

        Assert.Equal(["09:30 bob: one", "10:30 bob: two"], Rendered(games));
    }
}

using NSubstitute;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>/away and /whois reach the server and answer with notices; the users pane shows who is away.</summary>
public sealed class AwayAndWhoisTests : IDisposable
{
    private readonly ChatFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string LastNotice => _f.Added.Last().Line.Text;

    [Fact]
    public async Task Away_WithText_MarksAwayAndSaysSo()
    {
        await _f.Chat.ExecuteAsync("/away  at lunch ");
        await _f.Server.Received().SetAwayAsync("at lunch", Arg.Any<CancellationToken>());
        Assert.Equal("you are away: at lunch", LastNotice);
    }

    [Fact]
    public async Task Away_WithoutText_MarksBack()
    {
        await _f.Chat.ExecuteAsync("/away");
        await _f.Server.Received().SetAwayAsync(null, Arg.Any<CancellationToken>());
        Assert.Equal("you are back", LastNotice);
    }

    [Fact]
    public async Task Whois_ShowsRoleStateAwayAndSharedRooms()
    {
        _f.Server.WhoisAsync("bob", Arg.Any<CancellationToken>()).Returns(Task.FromResult(new WhoisOk
        {
            Re = "1", User = "bob", Role = Roles.User, Registered = true, Online = true, Away = "lunch", Rooms = ["#games", "+team"],
        }));
        await _f.Chat.ExecuteAsync("/whois @bob");
        Assert.Equal("bob — user, registered, online, away: lunch — rooms you share: #games, +team", LastNotice);
    }

    [Fact]
    public async Task Whois_OfflineAccount_ShowsWhenLastSeenWithTheDay()
    {
        _f.Server.WhoisAsync("dave", Arg.Any<CancellationToken>()).Returns(Task.FromResult(new WhoisOk
        {
            Re = "1", User = "dave", Role = Roles.User, Registered = true, LastSeen = "2026-11-20T08:15:00.000Z", Rooms = [],
        }));
        await _f.Chat.ExecuteAsync("/whois dave");
        Assert.Equal("dave — user, registered, offline, last seen 2026-11-20 08:15 — no rooms you share", LastNotice);
    }

    [Fact]
    public void UsersPane_ShowsAwayFromTheUsersReplyAndFollowsAwayEvents()
    {
        _f.Server.ListUsersAsync("#games", Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<UserInfo>>(
        [
            new UserInfo { User = "alice", Role = Roles.User, Online = true },
            new UserInfo { User = "bob", Role = Roles.User, Online = true, Away = "lunch" },
        ]));
        var games = _f.Joined("#games");
        Assert.Equal(["● alice (you)", "● bob (away)"], games.Members.Select(m => m.Display));

        _f.Raise(new AwayEvent { User = "bob" });
        Assert.Equal("● bob", games.FindMember("bob")!.Display);

        _f.Raise(new AwayEvent { User = "bob", Text = "meeting" });
        Assert.Equal("meeting", games.FindMember("bob")!.Away);

        // Being away ends with the session.
        _f.Raise(new PresenceEvent { User = "bob", Online = false });
        Assert.Null(games.FindMember("bob")!.Away);
    }

    [Fact]
    public async Task DirectMessage_ToSomeoneAway_ShowsTheAutomaticReply()
    {
        _f.Server.SendMessageAsync("bob", "hi", Arg.Any<CancellationToken>())
            .Returns(Task.FromResult(new MsgOk { Re = "1", MsgId = 7, Ts = ChatFixture.Ts, Away = "lunch" }));
        await _f.Chat.ExecuteAsync("/msg bob hi");
        Assert.Equal("@bob is away: lunch", LastNotice);
    }
}

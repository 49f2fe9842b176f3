using NSubstitute;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Tests.Chat;

/// <summary>
/// A room keeps every session of its online members in one array, the list each room event is
/// queued to. It is kept between events, so every change to who is seated and to a seated member's
/// sessions must reach it: a session missing from it loses the room's lines, and a session left in
/// it is sent lines after it ended.
/// </summary>
public sealed class RoomBroadcastListTests
{
    private readonly Room _room = new("#general", isPrivate: false, owner: "", conversation: "room:general");

    [Fact]
    public void SeatedMembers_AreBroadcastTo_WithEverySession_InJoinOrder()
    {
        IClientLink laptop = Link(), bobLink = Link(), phone = Link();
        var alice = new ChatUser("alice", "user", registered: true, laptop);
        var bob = new ChatUser("bob", "user", registered: true, bobLink);
        _room.Seat(alice);
        _room.Seat(bob);
        Assert.Equal([laptop, bobLink], _room.OnlineSessions);

        alice.AddSession(phone);

        Assert.Equal([laptop, phone, bobLink], _room.OnlineSessions);
        Assert.Contains(_room, alice.Rooms);
    }

    [Fact]
    public void AnEndedSession_IsNoLongerBroadcastTo()
    {
        IClientLink laptop = Link(), phone = Link();
        var alice = new ChatUser("alice", "user", registered: true, laptop);
        alice.AddSession(phone);
        _room.Seat(alice);
        Assert.Equal([laptop, phone], _room.OnlineSessions);

        Assert.True(alice.RemoveSession(laptop));

        Assert.Equal([phone], _room.OnlineSessions);
        Assert.False(alice.RemoveSession(laptop));
    }

    [Fact]
    public void AnUnseatedMember_IsNoLongerBroadcastTo_NorHearsOfItsSessions()
    {
        IClientLink aliceLink = Link(), bobLink = Link(), bobPhone = Link();
        var alice = new ChatUser("alice", "user", registered: true, aliceLink);
        var bob = new ChatUser("bob", "user", registered: true, bobLink);
        _room.Seat(alice);
        _room.Seat(bob);
        Assert.Equal([aliceLink, bobLink], _room.OnlineSessions);

        _room.Unseat(bob);
        bob.AddSession(bobPhone);

        Assert.Equal([aliceLink], _room.OnlineSessions);
        Assert.DoesNotContain(_room, bob.Rooms);
    }

    /// <summary>A broadcast walks the room in blocks (read ahead, then queue): none skipped, none twice, at any size.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(100)]
    public void ABroadcast_ReachesEveryMember_Once_InSeatOrder(int members)
    {
        var reached = new List<int>();
        for (int i = 0; i < members; i++)
        {
            IClientLink link = Link();
            int seat = i;
            link.Send(Arg.Any<ChatEvent>()).Returns(_ =>
            {
                reached.Add(seat);
                return SendResult.Queued;
            });
            _room.Seat(new ChatUser($"user{i}", "user", registered: true, link));
        }

        AfterLock after = AfterLock.Enter();
        try
        {
            ChatCore.SendAllLocked(_room, new PresenceChanged("alice", online: true), after);
        }
        finally
        {
            after.Leave();
        }

        Assert.Equal(Enumerable.Range(0, members), reached);
    }

    private static IClientLink Link() => Substitute.For<IClientLink>();
}

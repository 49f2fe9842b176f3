using TuiChat.Server.Commands;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Commands;

/// <summary>Handlers run without sockets: a fake link records what they queue.</summary>
public sealed class KickHandlerTests
{
    [Fact]
    public void Kick_ByOwner_RemovesTheMember_AndTellsTheRoom()
    {
        using var world = new HandlerWorld();
        ClientSession alice = world.Login("alice");
        ClientSession bob = world.Login("bob");
        world.Run(alice, new CreateRequest { Id = "1", Room = "+team", Private = true, Members = ["bob"] });

        ReplyBuffer result = world.Run(alice, new KickRequest { Id = "2", Room = "+team", User = "bob" });

        Assert.False(result.Failed);
        Assert.Contains(HandlerWorld.Frames(alice), f => f.Contains("\"type\":\"ok\",\"re\":\"2\"", StringComparison.Ordinal));
        Assert.Contains(HandlerWorld.Frames(bob), f => f.Contains("\"type\":\"left\"", StringComparison.Ordinal) && f.Contains("\"reason\":\"kick\"", StringComparison.Ordinal));
        Assert.Null(world.Services.State.Rooms.ReadableConversation(bob.User!, "+team"));
    }

    [Fact]
    public void Kick_ByMemberWhoIsNotOwner_IsNotAllowed()
    {
        using var world = new HandlerWorld();
        ClientSession alice = world.Login("alice");
        ClientSession bob = world.Login("bob");
        world.Run(alice, new CreateRequest { Id = "1", Room = "+team", Private = true, Members = ["bob"] });

        ReplyBuffer result = world.Run(bob, new KickRequest { Id = "2", Room = "+team", User = "alice" });

        Assert.True(result.Failed);
        Assert.Contains(HandlerWorld.Frames(bob), f => f.Contains("\"code\":\"not_allowed\"", StringComparison.Ordinal));
        Assert.NotNull(world.Services.State.Rooms.ReadableConversation(alice.User!, "+team"));
    }

    [Fact]
    public void Kick_WithAReason_TellsWhyAndWho_AndAReasonThatIsNotOneLineIsRefused()
    {
        using var world = new HandlerWorld();
        ClientSession alice = world.Login("alice");
        ClientSession bob = world.Login("bob");
        world.Run(alice, new CreateRequest { Id = "1", Room = "+team", Private = true, Members = ["bob"] });

        ReplyBuffer refused = world.Run(alice, new KickRequest { Id = "2", Room = "+team", User = "bob", Reason = "two\nlines" });
        Assert.True(refused.Failed);
        Assert.Contains(HandlerWorld.Frames(alice), f => f.Contains("\"code\":\"text_invalid\"", StringComparison.Ordinal));
        Assert.NotNull(world.Services.State.Rooms.ReadableConversation(bob.User!, "+team"));

        ReplyBuffer result = world.Run(alice, new KickRequest { Id = "3", Room = "+team", User = "bob", Reason = "chega de spam" });

        Assert.False(result.Failed);
        Assert.Contains(HandlerWorld.Frames(bob), f => f.Contains("\"type\":\"left\"", StringComparison.Ordinal)
            && f.Contains("\"text\":\"chega de spam\"", StringComparison.Ordinal) && f.Contains("\"by\":\"alice\"", StringComparison.Ordinal));
    }
}

using NSubstitute;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Chat;

/// <summary>
/// A client-to-client query (IRC's CTCP) goes to the person its target resolved to, never to
/// whoever holds the name by the time it is passed on: privacy by identity, as for a line.
/// </summary>
public sealed class ClientQueryTests : IDisposable
{
    private const string Version = "\u0001VERSION\u0001";

    private readonly HandlerWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void AQuery_GoesToTheIdentityItsTargetResolvedTo_NotToANewHolderOfTheName()
    {
        ChatState state = _world.Services.State;
        ChatUser bob = Online(state, "bob", Link());
        IClientLink firstLink = Link();
        ChatUser firstCarol = Online(state, "carol", firstLink);
        Assert.True(state.Messaging.ResolveTarget(bob, "carol", null, out Target? resolved).Ok);

        // That carol, a guest, leaves; another guest takes the name: another person.
        state.Sessions.RemoveUser(firstCarol, firstLink, LeftReasons.Quit);
        IClientLink secondLink = Link();
        Online(state, "carol", secondLink);

        Assert.False(state.Messaging.PassQuery(bob, resolved!, Version, answer: false));
        secondLink.DidNotReceive().Send(Arg.Any<ClientQuery>());

        Assert.True(state.Messaging.ResolveTarget(bob, "carol", null, out Target? now).Ok);
        Assert.True(state.Messaging.PassQuery(bob, now!, Version, answer: false));
        secondLink.Received(1).Send(Arg.Is<ClientQuery>(q => q.From == "bob" && q.Text == Version && !q.Answer));
    }

    [Fact]
    public void AQueryFromAnotherServer_GoesOnlyToThePersonItWasFor()
    {
        ChatState state = _world.Services.State;
        IClientLink link = Link();
        ChatUser carol = Online(state, "carol", link);

        // Meant for an earlier carol (another identity): the carol online here now gets nothing.
        state.Messaging.PassRemoteQuery("bob", carol.Key, "guest:someone-else", Version, answer: false);
        link.DidNotReceive().Send(Arg.Any<ClientQuery>());

        state.Messaging.PassRemoteQuery("bob", carol.Key, carol.Identity, Version, answer: true);
        link.Received(1).Send(Arg.Is<ClientQuery>(q => q.From == "bob" && q.To == "carol" && q.Text == Version && q.Answer));
    }

    private static ChatUser Online(ChatState state, string name, IClientLink link)
    {
        Assert.True(state.Sessions.AddUser(new ChatUser(name, "user", registered: false, link), ErrorCodes.NameTaken, out ChatUser? user).Ok);
        return user!;
    }

    private static IClientLink Link()
    {
        IClientLink link = Substitute.For<IClientLink>();
        link.RemoteAddress.Returns("test");
        link.Send(Arg.Any<ChatEvent>()).Returns(SendResult.Queued);
        return link;
    }
}

using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Connection;

/// <summary>Ordered sending, re-joining by the server's answers, and /reconnect.</summary>
public sealed partial class ChatConnectionTests
{
    [Fact]
    public async Task Lines_LeaveOneAtATimeInOrder_AndARateLimitedLineIsRetriedBeforeTheNext()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<MsgOk>[] sends =
        [
            _connection.SendMessageAsync("#general", "one"),
            _connection.SendMessageAsync("#general", "two"),
            _connection.SendMessageAsync("#general", "three"),
        ];

        MsgRequest first = await server.ReceiveAsync<MsgRequest>();
        Assert.Equal("one", first.Text);
        server.Send(new ErrorReply { Re = first.Id, Code = ErrorCodes.RateLimited, Message = "slow down" });
        await Eventually.True(() => _connection.Status.SlowedDown, "the slowed-down status");
        Assert.EndsWith("slowed down by the server", _connection.Status.Describe(), StringComparison.Ordinal);

        var seen = new List<string>();
        for (int msgId = 1; msgId <= 3; msgId++)
        {
            MsgRequest request = await server.ReceiveAsync<MsgRequest>();
            seen.Add(request.Text);
            server.Send(new MsgOk { Re = request.Id!, MsgId = msgId, Ts = "2026-11-22T10:00:00.000Z" });
        }

        Assert.Equal(["one", "two", "three"], seen);
        Assert.Equal([1L, 2L, 3L], (await Eventually.Within(Task.WhenAll(sends))).Select(ok => ok.MsgId));
        await Eventually.True(() => !_connection.Status.SlowedDown, "the slowed-down status to clear");
    }

    [Fact]
    public async Task ARefusedLine_FailsAlone_AndTheNextOneStillGoes()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<MsgOk> refused = _connection.SendMessageAsync("#nowhere", "lost?");
        Task<MsgOk> next = _connection.SendMessageAsync("#general", "next");

        MsgRequest first = await server.ReceiveAsync<MsgRequest>();
        server.Send(new ErrorReply { Re = first.Id, Code = ErrorCodes.NotAMember, Message = "not a member" });
        MsgRequest second = await server.ReceiveAsync<MsgRequest>();
        server.Send(new MsgOk { Re = second.Id!, MsgId = 9, Ts = "2026-11-22T10:00:00.000Z" });

        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(refused));
        Assert.Equal(ErrorCodes.NotAMember, error.Code);
        Assert.Equal(9, (await Eventually.Within(next)).MsgId);
    }

    [Fact]
    public async Task Reconnect_RejoinsEveryRoomTheServerHadPutUsIn_AndForgetsAGroupItRefuses()
    {
        FakeServerConnection first = await ConnectAsync();
        // What the server says after login: #general and a group, both joined by the server itself.
        first.Send(new JoinedEvent { Room = "#general", User = "alice" });
        first.Send(new JoinedEvent { Room = "+team", User = "alice" });
        await Eventually.True(() => _connection.Rooms.Count == 2, "both rooms tracked");

        first.Dispose();
        FakeServerConnection second = await _server.AcceptAndLoginAsync();
        var asked = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            JoinRequest join = await second.ReceiveAsync<JoinRequest>();
            asked.Add(join.Room);
            second.Send(join.Room == "+team"
                ? new ErrorReply { Re = join.Id, Code = ErrorCodes.NoSuchRoom, Message = "no such group" }
                : new RoomOk { Re = join.Id!, Room = join.Room, Members = ["alice"] });
        }

        Assert.Equal(["#general", "+team"], asked.Order(StringComparer.Ordinal));
        await Eventually.True(() => _connection.Status.State == ConnectionState.Connected, "connected again");
        Assert.Equal(["#general"], _connection.Rooms);
    }

    [Fact]
    public async Task Reconnect_StartsInThePublicRoomsTheUserWasIn_NotInGeneralItLeft()
    {
        FakeServerConnection first = await ConnectAsync();
        Assert.Null(_server.LastHello!.Rooms);
        first.Send(new JoinedEvent { Room = "#general", User = "alice" });
        first.Send(new JoinedEvent { Room = "#rust", User = "alice" });
        first.Send(new JoinedEvent { Room = "+team", User = "alice" });
        first.Send(new LeftEvent { Room = "#general", User = "alice", Reason = "leave" });
        await Eventually.True(() => _connection.Rooms.Count == 2 && !_connection.Rooms.Contains("#general"), "#rust and +team tracked");

        first.Dispose();
        await _server.AcceptAndLoginAsync();

        // Groups are the account's: the server joins them by itself.
        Assert.Equal(["#rust"], _server.LastHello!.Rooms);
    }

    [Fact]
    public async Task Reconnect_BeforeTheServerSaidWhichRoomsTheUserIsIn_LeavesTheChoiceToTheServer()
    {
        FakeServerConnection first = await ConnectAsync();
        first.Dispose();

        await _server.AcceptAndLoginAsync();

        Assert.Null(_server.LastHello!.Rooms);
    }

    [Fact]
    public async Task ReconnectCommand_AfterARefusedReLogin_ConnectsAgain()
    {
        FakeServerConnection first = await ConnectAsync();
        first.Dispose();
        FakeServerConnection refusing = await _server.AcceptAsync();
        HelloRequest hello = await refusing.ReceiveAsync<HelloRequest>();
        refusing.Send(new ErrorReply { Re = hello.Id, Code = ErrorCodes.AuthFailed, Message = "wrong password" });
        await Eventually.True(() => _connection.Status.State == ConnectionState.Disconnected, "Disconnected");

        Task<HelloOk> reconnecting = _connection.ReconnectAsync();
        await _server.AcceptAndLoginAsync();

        Assert.Equal("alice", (await Eventually.Within(reconnecting)).User);
        Assert.Equal(ConnectionState.Connected, _connection.Status.State);
    }
}

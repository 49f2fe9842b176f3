using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Connection;

/// <summary>The issue-13 requests as the connection sends them, and the away event as it hears it.</summary>
public sealed partial class ChatConnectionTests
{
    [Fact]
    public async Task ReadSearchAwayAndWhois_SendTheirRequests_AndReturnTheReplies()
    {
        FakeServerConnection server = await ConnectAsync();

        Task<ReadOk> read = _connection.MarkReadAsync("#games", 42);
        ReadRequest readRequest = await server.ReceiveAsync<ReadRequest>();
        server.Send(new ReadOk { Re = readRequest.Id!, Room = "#games", ReadMsgId = 42 });
        Task<SearchOk> search = _connection.SearchAsync("café", before: 99, limit: 10);
        SearchRequest searchRequest = await server.ReceiveAsync<SearchRequest>();
        server.Send(new SearchOk { Re = searchRequest.Id!, Results = [], More = true });
        Task away = _connection.SetAwayAsync("");
        AwayRequest awayRequest = await server.ReceiveAsync<AwayRequest>();
        server.Send(new OkReply { Re = awayRequest.Id! });
        Task<WhoisOk> whois = _connection.WhoisAsync("bob");
        WhoisRequest whoisRequest = await server.ReceiveAsync<WhoisRequest>();
        server.Send(new WhoisOk { Re = whoisRequest.Id!, User = "bob", Role = Roles.User, Rooms = ["#games"] });

        Assert.Equal(("#games", 42L), (readRequest.Room, readRequest.MsgId));
        Assert.Equal(42, (await Eventually.Within(read)).ReadMsgId);
        Assert.Equal(("café", (long?)99, (int?)10), (searchRequest.Q, searchRequest.Before, searchRequest.Limit));
        Assert.True((await Eventually.Within(search)).More);
        Assert.Null(awayRequest.Text); // an empty text means "back"
        await Eventually.Within(away);
        Assert.Equal("bob", whoisRequest.User);
        Assert.Equal(["#games"], (await Eventually.Within(whois)).Rooms);
    }

    [Fact]
    public async Task AnAwayEvent_IsHeardLikeTheOtherEvents()
    {
        var heard = new TaskCompletionSource<ServerEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.EventReceived += (_, e) => heard.TrySetResult(e);
        FakeServerConnection server = await ConnectAsync();

        server.Send(new AwayEvent { User = "bob", Text = "lunch" });

        Assert.Equal(new AwayEvent { User = "bob", Text = "lunch" }, await Eventually.Within(heard.Task));
    }
}

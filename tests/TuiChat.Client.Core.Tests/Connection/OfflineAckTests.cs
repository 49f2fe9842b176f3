using System.Collections.Concurrent;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Connection;

/// <summary>The client asks for acknowledged offline delivery and confirms each batch after handing its messages on.</summary>
public sealed class OfflineAckTests
{
    [Fact]
    public async Task Hello_AsksForAcknowledgedDelivery_AndEachBatchIsConfirmedAfterItsMessages()
    {
        await using var server = new FakeServer();
        await using var connection = new ChatConnection(new ChatConnectionOptions { Host = "127.0.0.1", Port = server.Port, User = "rita", Password = "rita-password" });
        var seen = new ConcurrentQueue<long>();
        connection.EventReceived += (_, e) =>
        {
            if (e is ChatMessage { Offline: true } m)
            {
                seen.Enqueue(m.MsgId);
            }
        };
        Task<HelloOk> connecting = connection.ConnectAsync();
        FakeServerConnection link = await server.AcceptAsync();
        HelloRequest hello = await link.ReceiveAsync<HelloRequest>();
        link.Send(new HelloOk { Re = hello.Id!, User = "rita", Role = Roles.User, Server = "fake" });
        await Eventually.Within(connecting);

        foreach (long id in new long[] { 7, 9 })
        {
            link.Send(new ChatMessage { MsgId = id, Ts = "2026-11-30T05:00:00.000Z", From = "bob", To = "rita", Text = "while away", Offline = true });
        }
        link.Send(new OfflineBatchEvent { Batch = 1 });
        OfflineAckRequest ack = await link.ReceiveAsync<OfflineAckRequest>();

        Assert.True(hello.OfflineAck);
        Assert.Equal(1, ack.Batch);
        Assert.Equal([7L, 9L], seen);
    }
}

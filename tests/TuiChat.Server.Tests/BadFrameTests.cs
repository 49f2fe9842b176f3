using System.Buffers.Binary;
using System.Text;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class BadFrameTests
{
    public static TheoryData<string, byte[]> BadFrames()
    {
        static byte[] Framed(byte[] payload)
        {
            byte[] frame = new byte[4 + payload.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
            payload.CopyTo(frame, 4);
            return frame;
        }
        string deep = new string('[', 20) + new string(']', 20);
        return new TheoryData<string, byte[]>
        {
            { "zero length", [0, 0, 0, 0] },
            { "over max_frame", [0x00, 0x10, 0x00, 0x01] },
            { "bad utf-8", Framed([(byte)'{', 0xff, 0xfe, (byte)'}']) },
            { "not json", Framed(Encoding.UTF8.GetBytes("hello there")) },
            { "array", Framed(Encoding.UTF8.GetBytes("[1,2,3]")) },
            { "string", Framed(Encoding.UTF8.GetBytes("\"msg\"")) },
            { "missing type", Framed(Encoding.UTF8.GetBytes("{\"id\":\"1\"}")) },
            { "type not a string", Framed(Encoding.UTF8.GetBytes("{\"type\":5}")) },
            { "deep nesting", Framed(Encoding.UTF8.GetBytes("{\"type\":\"msg\",\"x\":" + deep + "}")) },
            { "lone surrogate in id", Framed(Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"id\":\"\\ud800\"}")) },
            { "lone surrogate in type", Framed(Encoding.UTF8.GetBytes("{\"type\":\"pi\\udc00ng\"}")) },
            { "lone surrogate in re", Framed(Encoding.UTF8.GetBytes("{\"type\":\"pong\",\"re\":\"\\ud800x\"}")) },
        };
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task BadFrame_GetsBadFrameAndClose_WhileOthersKeepChatting(string name, byte[] bytes)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient mallory = await server.LoginAsync("mallory");

        await mallory.SendRawAsync(bytes);

        await mallory.WaitForAsync(f => IsError(f, "bad_frame"));
        await mallory.WaitClosedAsync();
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "mallory");
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "still here after " + name });
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "still here after " + name);
    }

    [Fact]
    public async Task ALoneSurrogate_IsLoggedAsOneLine_WithoutAStackTrace_EachTime()
    {
        var sink = new CollectingSink();
        await using TestServer server = TestServer.Start(log: new Serilog.LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());
        for (int i = 0; i < 3; i++)
        {
            await using TestClient mallory = await server.LoginAsync("mallory" + i);
            await mallory.SendPayloadAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"id\":\"\\ud800\"}"));
            await mallory.WaitForAsync(f => IsError(f, "bad_frame") && !f.TryGetProperty("re", out _));
            await mallory.WaitClosedAsync();
        }

        await Eventually.Until(() => sink.Events.Count(e => e.MessageTemplate.Text.StartsWith("Protocol violation", StringComparison.Ordinal)) == 3, "three violations logged");
        Assert.All(sink.Events, e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task BadFrame_BeforeHello_IsAlsoRejected()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.SendRawAsync([0, 0, 0, 0]);

        await client.WaitForAsync(f => IsError(f, "bad_frame"));
        await client.WaitClosedAsync();
    }

    [Fact]
    public async Task UnknownType_IsBadRequest_AndTheConnectionStaysOpen()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("bad_request", "dance", new { style = "tango" });
        await alice.ExpectOkAsync("rooms");
    }

    [Fact]
    public async Task MissingOrMistypedFields_AreBadRequest_AndTheConnectionStaysOpen()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("bad_request", "join");
        await alice.ExpectErrorAsync("bad_request", "msg", new { to = "#general", text = 42 });
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "fine" });
    }

    [Fact]
    public async Task UnknownFields_AreIgnored()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectOkAsync("join", new { room = "#x", colour = "blue", future = new { a = 1 } });
    }

    [Fact]
    public async Task ErrorWithoutId_HasNoRe_AndOkIsNotSent()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        int before = alice.FrameCount;

        await alice.SendAsync("join", new { room = "bad room" });
        await alice.SendAsync("join", new { room = "#fine" });
        await alice.ExpectOkAsync("ping");

        var frames = alice.Frames().Skip(before).ToList();
        Assert.Contains(frames, f => IsError(f, "room_invalid") && !f.TryGetProperty("re", out _));
        Assert.DoesNotContain(frames, f => IsOk(f) && Str(f, "room") == "#fine");
        Assert.Contains(frames, f => Type(f) == "joined" && Str(f, "room") == "#fine");
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using TuiChat.Protocol;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Support;

/// <summary>Uploads and downloads as a client does: file.put, chunks of at most 64 KiB, file.get.</summary>
public static class FileTransfers
{
    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Uploads <paramref name="data"/> and waits for the <c>file</c> event; returns the fileId.</summary>
    public static async Task<string> UploadAsync(TestClient client, string to, string name, byte[] data)
    {
        JsonElement ok = await client.ExpectOkAsync("file.put", new { to, name, size = data.LongLength, sha256 = Sha256(data) });
        string fileId = Str(ok, "fileId")!;
        await SendChunksAsync(client, fileId, data);
        await client.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId);
        return fileId;
    }

    public static async Task SendChunksAsync(TestClient client, string fileId, byte[] data, int firstSeq = 0)
    {
        int seq = firstSeq;
        for (int offset = 0; offset < data.Length; offset += ProtocolLimits.MaxChunkBytes)
        {
            byte[] chunk = data.AsSpan(offset, Math.Min(ProtocolLimits.MaxChunkBytes, data.Length - offset)).ToArray();
            await client.SendAsync("file.chunk", new { fileId, seq = seq++, data = chunk });
        }
    }

    /// <summary>Downloads a file: checks the ok, gathers its chunks in order up to <c>file.end</c>.</summary>
    public static async Task<byte[]> DownloadAsync(TestClient client, string fileId)
    {
        int mark = client.FrameCount;
        JsonElement ok = await client.ExpectOkAsync("file.get", new { fileId });
        await client.WaitForAsync(f => Type(f) == "file.end" && Str(f, "fileId") == fileId, from: mark);
        var chunks = client.Frames().Skip(mark).Where(f => Type(f) == "file.chunk" && Str(f, "fileId") == fileId).ToList();
        Assert.Equal(Enumerable.Range(0, chunks.Count).Select(i => (long)i), chunks.Select(c => c.GetProperty("seq").GetInt64()));
        byte[] data = chunks.SelectMany(c => c.GetProperty("data").GetBytesFromBase64()).ToArray();
        Assert.All(chunks, c => Assert.True(c.GetProperty("data").GetBytesFromBase64().Length <= ProtocolLimits.MaxChunkBytes));
        Assert.Equal(ok.GetProperty("size").GetInt64(), data.LongLength);
        Assert.Equal(Str(ok, "sha256"), Sha256(data));
        return data;
    }
}

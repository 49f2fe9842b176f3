using System.Security.Cryptography;
using TuiChat.Client.Core.Encryption;

namespace TuiChat.Client.Core.Tests.Encryption;

public sealed class EncryptedFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tuichat-e2e-file-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(byte[] Content, string Cipher, FileSecret Secret)> EncryptAsync(int size)
    {
        byte[] content = RandomNumberGenerator.GetBytes(size);
        string source = Path.Combine(_root, "photo.bin");
        await File.WriteAllBytesAsync(source, content);
        (string cipher, FileSecret secret) = await EncryptedFile.EncryptAsync(source, _root);
        return (content, cipher, secret with { FileId = "f1" });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(EncryptedFile.PlainChunkBytes)]
    [InlineData(200_000)]
    public async Task EncryptedFile_DecryptsToTheSameBytes_AndHidesThem(int size)
    {
        (byte[] content, string cipher, FileSecret secret) = await EncryptAsync(size);
        string output = Path.Combine(_root, "out.bin");

        await EncryptedFile.DecryptAsync(cipher, secret, output);

        Assert.Equal(content, await File.ReadAllBytesAsync(output));
        Assert.Equal("photo.bin", secret.Name);
        Assert.Equal(EncryptedFile.WireName, Path.GetFileName(cipher));
        byte[] ciphertext = await File.ReadAllBytesAsync(cipher);
        if (size >= 32)
        {
            // A 32-byte run of the plaintext cannot turn up in ciphertext by chance (a single byte could).
            Assert.True(ciphertext.AsSpan().IndexOf(content.AsSpan(0, 32)) < 0);
        }
        Assert.All(ciphertext.Chunk(EncryptedFile.PlainChunkBytes + 16), c => Assert.True(c.Length <= 64 * 1024));
        FileSecret parsed = FileSecret.TryParse(secret.ToText())!;
        Assert.Equal((secret.FileId, secret.Name, secret.Size, secret.Sha256), (parsed.FileId, parsed.Name, parsed.Size, parsed.Sha256));
        Assert.Equal(secret.Key, parsed.Key);
        Assert.Equal(secret.NoncePrefix, parsed.NoncePrefix);
    }

    public static TheoryData<string> Damages => new() { "flipped byte", "last chunk dropped", "chunks swapped", "byte appended" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedCiphertext_IsRefused_AndNothingIsLeftBehind(string damage)
    {
        (_, string cipher, FileSecret secret) = await EncryptAsync(200_000);
        byte[] bytes = await File.ReadAllBytesAsync(cipher);
        const int chunk = EncryptedFile.PlainChunkBytes + 16;
        bytes = damage switch
        {
            "flipped byte" => Flip(bytes, 70_000),
            "last chunk dropped" => bytes[..(3 * chunk)],
            "chunks swapped" => [.. bytes[chunk..(2 * chunk)], .. bytes[..chunk], .. bytes[(2 * chunk)..]],
            _ => [.. bytes, 0],
        };
        await File.WriteAllBytesAsync(cipher, bytes);
        string output = Path.Combine(_root, "out.bin");

        await Assert.ThrowsAsync<EnvelopeException>(() => EncryptedFile.DecryptAsync(cipher, secret, output));
        Assert.False(File.Exists(output));
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 1;
        return bytes;
    }
}

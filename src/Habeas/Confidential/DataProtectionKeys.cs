using System.Xml.Linq;
using Habeas.Security;
using Habeas.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Habeas.Confidential;

/// <summary>
/// The Data Protection key ring (it protects session and antiforgery cookies) lives in DATA/keys/data-protection,
/// each key encrypted with the current key of <see cref="KeyRing"/> (by default ASP.NET Core writes it in
/// clear on Linux and warns).
/// </summary>
public static class DataProtectionKeys
{
    private const string Purpose = "data-protection-key-ring";

    public static IServiceCollection AddProtectedDataProtection(this IServiceCollection services)
    {
        services.AddSingleton(sp => KeyRing.LoadOrCreate(sp.GetRequiredService<StorageOptions>().DataDirectory));
        services.AddDataProtection().SetApplicationName("Habeas");
        services.AddOptions<KeyManagementOptions>().Configure<StorageOptions, KeyRing, ILoggerFactory>((options, storage, ring, logs) =>
        {
            var folder = Path.Combine(KeyFiles.Folder(storage.DataDirectory), "data-protection");
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
            options.XmlEncryptor = new Encryptor(ring);
        });
        return services;
    }

    private sealed class Encryptor(KeyRing ring) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(new XElement("encryptedKey",
                    new XComment(" Encrypted with the Habeas key ring, DATA/keys/field-keys.json "),
                    new XElement("value", ring.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose))),
                typeof(Decryptor));
    }

    /// <summary>Made by Data Protection through its service provider when it reads a key.</summary>
    public sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) =>
            XElement.Parse(services.GetRequiredService<KeyRing>().Decrypt(encryptedElement.Element("value")?.Value ?? "", Purpose));
    }
}

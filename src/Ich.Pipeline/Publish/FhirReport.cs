using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ich.Dicom.Objects;
using Ich.Inference.Models;

namespace Ich.Pipeline.Publish;

/// <summary>
/// A FHIR R4 DiagnosticReport of the findings (status preliminary: decision support, never a signed report), with
/// the source study as a contained ImagingStudy identified by its DICOM UID.
/// </summary>
internal static class FhirReport
{
    public static string Build(PublishRequest request)
    {
        var s = request.Selection;
        var findings = request.Findings;
        var summary = PublishOperator.Summary(findings);
        var conclusion = $"{summary} {findings.Notice}";
        JsonObject Coding(string system, string code, string display) => new() { ["system"] = system, ["code"] = code, ["display"] = display };
        JsonNode Subject() => s.Source.PatientId.Length > 0
            ? new JsonObject { ["identifier"] = new JsonObject { ["value"] = s.Source.PatientId } }
            : new JsonObject { ["display"] = "patient of the source study" };
        JsonObject Identifier(string uid) => UidGenerator.IsValid(uid)
            ? new JsonObject { ["system"] = "urn:dicom:uid", ["value"] = "urn:oid:" + uid }
            : new JsonObject { ["value"] = uid };

        var report = new JsonObject
        {
            ["resourceType"] = "DiagnosticReport",
            ["id"] = "ich-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{s.StudyInstanceUid}/{s.SeriesInstanceUid}")))[..16],
            ["contained"] = new JsonArray(new JsonObject
            {
                ["resourceType"] = "ImagingStudy",
                ["id"] = "study",
                ["identifier"] = new JsonArray(Identifier(s.StudyInstanceUid)),
                ["status"] = "available",
                ["subject"] = Subject(),
                ["series"] = new JsonArray(new JsonObject
                {
                    ["uid"] = s.SeriesInstanceUid,
                    ["modality"] = Coding("http://dicom.nema.org/resources/ontology/DCM", "CT", "Computed Tomography"),
                    ["numberOfInstances"] = s.Instances.Count,
                }),
            }),
            ["status"] = "preliminary",
            ["category"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology")) }),
            ["code"] = new JsonObject
            {
                ["coding"] = new JsonArray(Coding("http://loinc.org", "18748-4", "Diagnostic imaging study")),
                ["text"] = "Intracranial hemorrhage detection on head CT (decision support, not a diagnosis)",
            },
            ["subject"] = Subject(),
            ["issued"] = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["imagingStudy"] = new JsonArray(new JsonObject { ["reference"] = "#study" }),
            ["conclusion"] = conclusion,
            ["presentedForm"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "text/plain",
                ["language"] = "en",
                ["title"] = "Findings (decision support, not a diagnosis)",
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(conclusion + "\n" + string.Join("\n",
                    findings.Labels.Select(l => $"{l.Key}: {(l.Value.Probability is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "not run")}")))),
            }),
        };
        if (findings.Labels[ModelLabels.Any].Positive)
            report["conclusionCode"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", "1386000", "Intracranial hemorrhage")) });
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

#pragma once
// The fixed SCEP endpoint the fuzz targets and their seed corpus share. The RA key below exists
// only for fuzzing: it is public, so that seeds encrypted to it keep opening in every build.

#include <memory>
#include <string_view>

#include "core/clock.hpp"
#include "scep/authority.hpp"

namespace scepter::fuzz {

inline constexpr std::string_view ra_certificate_pem = R"(
-----BEGIN CERTIFICATE-----
MIIDNjCCAh6gAwIBAgICEjQwDQYJKoZIhvcNAQELBQAwLDEYMBYGA1UECgwPc2Nl
cHRlciBmdXp6aW5nMRAwDgYDVQQDDAdGdXp6IFJBMCAXDTI2MTEyOTAzNDkxNloY
DzIxMjYxMTA1MDM0OTE2WjAsMRgwFgYDVQQKDA9zY2VwdGVyIGZ1enppbmcxEDAO
BgNVBAMMB0Z1enogUkEwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDQ
M+UFft0DHYjxv5qSvbHBuLfsOgeB3yrxTXtEiHC9XtDdJfYMjlR4BxFT0QTwWfoh
Lzf7pTowOs9f1lTPlW8JeuGX1PCGIGrsFFyrDO098opt1ISuNBm1roa+XTUt21CI
RE8+fGkIs28CVJid/qgOvZQUQ+M6Z+TijZjdkIZPdQ6sAGrhhM7kRVAy4BgIUXBU
b6etl4BW5RuFO/ICVxJIJzyhbf3+3dcMhZoUJLBa9vloGrsJfSd1mlumV8pYAL5x
Y9ccFbck6rMCE8tO7DV5n8gXf+R8RaPdxDJFyTRZAUI9itX3rBKeQU9DLF5oBkja
K3PBT8wLh/8kO/0v5QB3AgMBAAGjYDBeMB0GA1UdDgQWBBRc3D/ehTVWu3mmeMwk
QMr2foTHTzAfBgNVHSMEGDAWgBRc3D/ehTVWu3mmeMwkQMr2foTHTzAOBgNVHQ8B
Af8EBAMCBaAwDAYDVR0TAQH/BAIwADANBgkqhkiG9w0BAQsFAAOCAQEApcpNa41c
Zp439advfEGQr0PfY4zQ0mRNZEcWpDbaOKUXdMGbjhJxFOl22NjMsEFyb7jbOk7B
hotM8CQ+rBkTCKAYSeYK8tyWHgQbIThDCJ8jM/JfssinoZMUQKDd8iFV5aJDOn2F
oLVAznNiqd4FBj7CCoVAx6u0rzXuOSyv295rJUfanjTCwXIU7/L5O56BRHk6fij7
a1tCPWL7QQdqsZGu8NgM1plqSgBk/tOHY2gDIjXk4uYCXxk60hLphCU6UNbmEetr
KW9egX3hhOUiBG0UiCJFFq0MenCdgoNlL+AEEyE0QF8FHPkY7/abXHhKNfohFQj3
YlPhHwj189pctQ==
-----END CERTIFICATE-----
)";

inline constexpr std::string_view ra_key_pem = R"(
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDQM+UFft0DHYjx
v5qSvbHBuLfsOgeB3yrxTXtEiHC9XtDdJfYMjlR4BxFT0QTwWfohLzf7pTowOs9f
1lTPlW8JeuGX1PCGIGrsFFyrDO098opt1ISuNBm1roa+XTUt21CIRE8+fGkIs28C
VJid/qgOvZQUQ+M6Z+TijZjdkIZPdQ6sAGrhhM7kRVAy4BgIUXBUb6etl4BW5RuF
O/ICVxJIJzyhbf3+3dcMhZoUJLBa9vloGrsJfSd1mlumV8pYAL5xY9ccFbck6rMC
E8tO7DV5n8gXf+R8RaPdxDJFyTRZAUI9itX3rBKeQU9DLF5oBkjaK3PBT8wLh/8k
O/0v5QB3AgMBAAECggEASCzlRN1wwoa3lY6liB8ogw6E++g1+AikO1hv1hcydgNr
hm6FeF7S23UfxZ2dB7E5a82Rq7Pgkx2gDAoiBoA4KOInWFoiM20Dg+mfIlDt4V62
LFLS2A0JqJji7xUivU3dAhAkJHY+dxy06+rlqUfBfLKtpcTO/c1MZFlP1+clGF/M
tplxHG7IM7NnF7F66OcmC5iwpkfiYXyiIa+iUvsBex8+rc3qFS2YfMWS0liIa2tJ
6g2Fc9nqBvxPFgTbClUWjDIxNVQ3F9cnhRaorBYNW/kO955t5V8tvd6fzWgXg7ZB
KsUYqS1g18yL1aay3j8GabsZ0+7/QYgCDOBJeBQpEQKBgQDzbACNaReisxaTOlfE
IaXBFYmwWpFLWhfHxtExoeoQUN69RHhYOgFNMsp1RmBHftGk2sqiI3VeX0J6kPu7
8gWZ2j+VYJLcTjaGPx+RwyFJl+WAqmyR7KVdwl43H9UTjcVbFSooM+znpi0uY4ew
GmPvvBS/54FyT52uPqiAI3/2iQKBgQDa9gLpKCdZKz+tK/+vFuiiYWG1qliUo2O3
K4GRuychBPc79O/hKYAh7pOKfO/oOU1w4y6i9mBU5Eldd+N238Plk3LY41933s2D
Q5aw46/clzT9Q1hg/2qDMNwnQFJ6D97f9+kbq616CQtDuT8xypZc2ZtMnLCZwOGt
lujisZ9+/wKBgGV0h0ppGdvLDsawU3JAn+g5BNlG9jXUyAKRABHSrU69lgiGqC4F
hxNY7v8wJOLHnbM7KaeoZbu+smOJWBJ+jg0Q5N1qketWge00FAFZtd8JezNEVNoB
Ku9IGqKZFuL+fNo4mQiGk9/85+nku+IPLcX2uyM85zvwqQS9wtcddLEZAoGACyfb
kBt+nblpXh5OwZHuOk+x1bqfFruYWf26dT1Oygzht8lL63Hc2F26YKTq6C77NhQt
DRp2X/zdjAiOq0DNT0YK5Of4tjfAyr5H0C1ZiWiex4SF3TNGLvbvUISjbxqd5VVR
KBrAFOafD01B3fyPWp2vnuCg0sST+u8kYGBiWusCgYEAuogSaNNInhtwvmJe3JaI
LVEztVue2CtFV02oJTR16Hs6JtxVJ2ctN18cbhp8fGTEmfIKmtCgVWRHkT2i3Kas
Y3gte4MVYFdjMB0gLrl3yI21q4sCP36nmHluDWbcj2mjoSEYqO5Q+hc/8XksLIVh
Yb4ndoMogM/HVP8UN1Er6UU=
-----END PRIVATE KEY-----
)";

// Seeds are signed at this time and the engine's clock stands still on it.
inline TimePoint fuzz_time() {
  return from_unix(1'700'000'000);
}

inline std::shared_ptr<const scep::EndpointContext> fuzz_endpoint() {
  auto certificate = crypto::Certificate::from_pem(ra_certificate_pem);
  auto key = crypto::PrivateKey::from_pem(ra_key_pem);
  if (!certificate || !key) return nullptr;
  return std::make_shared<const scep::EndpointContext>(scep::EndpointContext{
      .uri_extension = "fuzz",
      .ra_certificate = *certificate,
      .ra_key = *key,
      .ca_chain = {*certificate},
      .next_ca_chain = {},
      .ca_cert_format = scep::CaCertFormat::chain_cms,
      .cert_format = scep::CertFormat::full_chain,
      .allow_des3 = true,
      .allow_sha1 = true,
  });
}

// Grants enrollments (with the signer's own certificate, to exercise the SUCCESS path), keeps
// polls pending and refuses the rest.
class FuzzAuthority final : public scep::Authority {
 public:
  explicit FuzzAuthority(std::shared_ptr<const scep::EndpointContext> endpoint)
      : endpoint_(std::move(endpoint)) {}
  Result<std::shared_ptr<const scep::EndpointContext>> endpoint(std::string_view) override {
    return endpoint_;
  }
  scep::Decision enroll(const scep::EndpointContext&,
                        const scep::EnrollmentRequest& request) override {
    return scep::Issued{request.signer};
  }
  scep::Decision poll(const scep::EndpointContext&, const scep::PollRequest&) override {
    return scep::Pending{};
  }
  scep::Decision get_cert(const scep::EndpointContext&, const scep::CertificateQuery&) override {
    return scep::Rejected{scep::FailInfo::bad_cert_id, "no such certificate"};
  }
  scep::CrlDecision get_crl(const scep::EndpointContext&, const scep::CertificateQuery&) override {
    return scep::Rejected{scep::FailInfo::bad_cert_id, "no CRL"};
  }

 private:
  std::shared_ptr<const scep::EndpointContext> endpoint_;
};

}  // namespace scepter::fuzz

#pragma once
// Conversions between ASN.1 primitives and the value types of crypto/. Internal to crypto/.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// UTCTime or GeneralizedTime as RFC 5280 4.1.2.5 chooses (UTCTime through 2049).
Asn1TimeHandle make_time(TimePoint at);
TimePoint to_time_point(const ASN1_TIME* time);

// A positive INTEGER from big-endian magnitude bytes (leading zeros ignored); `field` names the
// input in the invalid error for zero, empty or longer than 20 bytes (RFC 5280 4.1.2.2).
Result<Asn1IntegerHandle> make_positive_integer(ByteView magnitude, std::string field);
// Big-endian magnitude without leading zero bytes; zero is {0}.
Bytes integer_magnitude(const ASN1_INTEGER* integer);

// The content bytes of any string type, as stored (no conversion).
ByteView string_bytes(const ASN1_STRING* string);

// Sets the content of any string type; false when OpenSSL cannot allocate or `bytes` is longer
// than its int lengths allow.
bool set_string_bytes(ASN1_STRING* string, ByteView bytes);

// A CHOICE kept as ANY (CMS's CertificateChoices and RecipientInfo): its untagged alternative
// is a SEQUENCE, the others carry context tags, and a universal type of another kind fits none.
enum class ChoiceAlternative { untagged_sequence, tagged, invalid };
ChoiceAlternative choice_alternative(const ASN1_TYPE* any);

// An ANY holding `der`, the encoding of a SEQUENCE, as it is: how the CMS templates keep
// certificates and RecipientInfos without decoding them. Null when OpenSSL cannot allocate.
Asn1TypeHandle sequence_any(ByteView der);

// Any string type (PrintableString, UTF8String, IA5String, TeletexString as Latin-1, BMPString,
// UniversalString, ...) as UTF-8; nullopt when the content is not valid in its encoding.
std::optional<std::string> to_utf8(const ASN1_STRING* text);
// A UTF8String holding `text`, or null when `text` is not valid UTF-8.
Asn1StringHandle make_utf8_string(std::string_view text);

}  // namespace scepter::crypto

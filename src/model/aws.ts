/**
 * AWS names that definitions and blueprint options carry, as anchored JSON-schema `pattern`s (compile them with
 * `new RegExp`), so that option schemas, definitions and validators accept the same values.
 */

/** A 12-digit AWS account id. */
export const AWS_ACCOUNT_PATTERN = '^[0-9]{12}$';

/** A Region name of any partition, e.g. `us-east-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`. */
export const AWS_REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$';

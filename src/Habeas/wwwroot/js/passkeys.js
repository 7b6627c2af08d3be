// Passkeys (WebAuthn) for the two-factor page and the second sign-in step: the only script of the site.
// A form with data-passkey-create or data-passkey-get holds the server's options (JSON, binary values in
// base64url); on submit this asks the browser for the ceremony, puts the answer (JSON) in the form's
// PasskeyResponse field and sends the form. Nothing else: no requests of its own, no inline script.
"use strict";
(function () {
  function fromBase64Url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (c) { return { type: c.type, id: fromBase64Url(c.id), transports: c.transports }; });
  }

  function creationOptions(o) {
    return {
      rp: o.rp,
      user: { id: fromBase64Url(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: fromBase64Url(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      attestation: o.attestation,
      authenticatorSelection: o.authenticatorSelection,
      excludeCredentials: descriptors(o.excludeCredentials),
      extensions: o.extensions
    };
  }

  function requestOptions(o) {
    return {
      challenge: fromBase64Url(o.challenge),
      timeout: o.timeout,
      rpId: o.rpId,
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: o.userVerification,
      extensions: o.extensions
    };
  }

  function attestationJson(credential) {
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toBase64Url(credential.response.attestationObject),
        clientDataJSON: toBase64Url(credential.response.clientDataJSON),
        transports: credential.response.getTransports ? credential.response.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults()
    });
  }

  function assertionJson(credential) {
    var response = credential.response;
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toBase64Url(response.authenticatorData),
        clientDataJSON: toBase64Url(response.clientDataJSON),
        signature: toBase64Url(response.signature),
        userHandle: response.userHandle ? toBase64Url(response.userHandle) : null
      },
      clientExtensionResults: credential.getClientExtensionResults()
    });
  }

  function wire(form, create) {
    var answer = form.querySelector("input[name=PasskeyResponse]");
    var unsupported = form.querySelector(".passkey-unsupported");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      if (unsupported) { unsupported.hidden = false; }
      return;
    }
    form.addEventListener("submit", function (event) {
      if (answer.value) { return; }
      event.preventDefault();
      var options = JSON.parse(form.getAttribute(create ? "data-passkey-create" : "data-passkey-get"));
      var ceremony = create
        ? navigator.credentials.create({ publicKey: creationOptions(options) }).then(attestationJson)
        : navigator.credentials.get({ publicKey: requestOptions(options) }).then(assertionJson);
      ceremony.then(function (json) {
        answer.value = json;
        form.submit();
      }, function () {
        if (unsupported) { unsupported.hidden = false; }
      });
    });
  }

  document.querySelectorAll("form[data-passkey-create]").forEach(function (form) { wire(form, true); });
  document.querySelectorAll("form[data-passkey-get]").forEach(function (form) { wire(form, false); });
})();
